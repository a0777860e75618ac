import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { LoginBody, SessionAnswer } from './login.dto';
import { CurrentStaff, Public, ROLES, Roles, type SignedInStaff } from './roles';
import { Sessions } from './sessions';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly sessions: Sessions) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: SessionAnswer })
  login(@Body() body: LoginBody, @Req() request: Request): Promise<SessionAnswer> {
    return this.sessions.signIn(body.email, body.password, request.ip ?? request.socket.remoteAddress ?? 'unknown');
  }

  /** Ends the session of the token sent; any signed-in role may. */
  @Post('logout')
  @HttpCode(204)
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiNoContentResponse()
  async logout(@Req() request: Request & { bearerToken?: string }): Promise<void> {
    if (request.bearerToken) await this.sessions.signOut(request.bearerToken);
  }

  /** Who is signed in, with the roles they hold now (the console shows only what these roles may do). */
  @Get('me')
  @Roles(...ROLES)
  @ApiBearerAuth()
  me(@CurrentStaff() staff: SignedInStaff): SignedInStaff {
    return { id: staff.id, email: staff.email, name: staff.name, roles: staff.roles };
  }
}
