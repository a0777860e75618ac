import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LoginBody, SessionAnswer } from './login.dto';
import { CurrentStaff, Public, ROLES, Roles, type SignedInStaff } from './roles';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { Sessions } from './sessions';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly sessions: Sessions) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: SessionAnswer })
  async login(@Body() body: LoginBody, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionAnswer> {
    const session = await this.sessions.signIn(body.email, body.password, request.ip ?? request.socket.remoteAddress ?? 'unknown');
    // The same session as a cookie for the admin pages a browser opens (Bull Board); see session-cookie.ts.
    setSessionCookie(response, session, request.secure);
    return session;
  }

  /** Ends the session of the token sent; any signed-in role may. */
  @Post('logout')
  @HttpCode(204)
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiNoContentResponse()
  async logout(@Req() request: Request & { bearerToken?: string }, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (request.bearerToken) await this.sessions.signOut(request.bearerToken);
    clearSessionCookie(response, request.secure);
  }

  /** Who is signed in, with the roles they hold now (the console shows only what these roles may do). */
  @Get('me')
  @Roles(...ROLES)
  @ApiBearerAuth()
  me(@CurrentStaff() staff: SignedInStaff): SignedInStaff {
    return { id: staff.id, email: staff.email, name: staff.name, roles: staff.roles };
  }
}
