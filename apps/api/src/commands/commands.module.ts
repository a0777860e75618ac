import { Module } from '@nestjs/common';
import { CommandRunner } from './command-runner';

@Module({ providers: [CommandRunner], exports: [CommandRunner] })
export class CommandsModule {}
