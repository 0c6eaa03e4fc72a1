import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { ApiIdentity, Role } from '../auth/identity.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** `public` routes take no credentials (health, login, the API description). */
export type RouteAccess = readonly Role[] | 'public';

type CallerOf<Access extends RouteAccess> = Access extends 'public'
  ? ApiIdentity | undefined
  : ApiIdentity;

export interface RouteContext<Params, Query, Body, Access extends RouteAccess> {
  params: Params;
  query: Query;
  body: Body;
  caller: CallerOf<Access>;
  /** For the few routes that manage sessions or stream files; most never touch them. */
  request: Request;
  response: Response;
}

/** A file download (CSV, JSON export): sent as is, outside the JSON response schema. */
export class FileReply {
  constructor(
    readonly contentType: string,
    readonly fileName: string,
    readonly content: string,
  ) {}
}

export type RouteSuccess<Schema extends z.ZodType> =
  | { status?: 200 | 201 | 202; description: string; schema: Schema }
  | { status: 204; description: string }
  | { status?: 200; description: string; files: readonly string[] };

export interface RouteDefinition<
  Params extends z.ZodType,
  Query extends z.ZodType,
  Body extends z.ZodType,
  Result extends z.ZodType,
  Access extends RouteAccess,
> {
  method: HttpMethod;
  /** Express syntax, e.g. `/api/flows/:flowKey`. */
  path: string;
  tag: string;
  summary: string;
  access: Access;
  params?: Params;
  query?: Query;
  body?: Body;
  success: RouteSuccess<Result>;
  handle(
    context: RouteContext<z.output<Params>, z.output<Query>, z.output<Body>, Access>,
  ): Promise<z.input<Result> | FileReply | undefined>;
}

/** A route with its types erased, as the router and the OpenAPI generator see it. */
export interface ApiRoute {
  method: HttpMethod;
  path: string;
  tag: string;
  summary: string;
  access: RouteAccess;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  success: RouteSuccess<z.ZodType>;
  handle(context: RouteContext<unknown, unknown, unknown, RouteAccess>): Promise<unknown>;
}

/**
 * Declares a route once: who may call it, the zod schemas its input and answer must match, and
 * the domain call it makes. The router, the OpenAPI document and the role-matrix test all read
 * this one declaration.
 */
export function defineRoute<
  Params extends z.ZodType = z.ZodUnknown,
  Query extends z.ZodType = z.ZodUnknown,
  Body extends z.ZodType = z.ZodUnknown,
  Result extends z.ZodType = z.ZodUnknown,
  const Access extends RouteAccess = RouteAccess,
>(definition: RouteDefinition<Params, Query, Body, Result, Access>): ApiRoute {
  return definition as unknown as ApiRoute;
}
