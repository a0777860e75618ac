import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { Sessions } from './sessions';

/** Sign-in, sessions and the global guard (api.md, "Sign-in"). */
@Module({
  controllers: [AuthController],
  providers: [Sessions, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Sessions],
})
export class AuthModule {}
