import { INestApplicationContext, RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import {
  ALLOWED_ROLES,
  IdempotencyInterceptor,
  NO_IDEMPOTENCY,
  PUBLIC_ROUTE,
  Role,
} from '@claimdesk/platform';

/** One route Nest serves, with who may call it as its decorators declare. */
export interface RouteAccess {
  method: string;
  /** OpenAPI form: `/v1/users/{id}`. */
  path: string;
  public: boolean;
  /** `@Roles(...)`; undefined means any signed-in user or API key. */
  roles?: Role[];
  /** `@Idempotent()`: the route takes `Idempotency-Key`. */
  idempotent: boolean;
  /** `@NoIdempotency()`: a POST that must not store its request or response. */
  noIdempotency: boolean;
  controller: string;
  handler: string;
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [''] : Array.isArray(value) ? value : [value];

const join = (...parts: string[]) => `/${parts.join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/**
 * Every controller route of the application, read from the same metadata the router and the auth
 * guard read. The OpenAPI document and the role-matrix test both use it.
 */
export function listRoutes(app: INestApplicationContext): RouteAccess[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const routes = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, (...args: unknown[]) => unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (methodPath === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const targets = [handler, controller];
        for (const base of asList(Reflect.getMetadata(PATH_METADATA, controller))) {
          for (const own of asList(methodPath)) {
            const path = join(base, own).replace(/:(\w+)\??/g, '{$1}');
            routes.set(`${method} ${path}`, {
              method,
              path,
              public: reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false,
              roles: reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets),
              idempotent: targets.some((target) =>
                ((Reflect.getMetadata(INTERCEPTORS_METADATA, target) ?? []) as unknown[]).includes(
                  IdempotencyInterceptor,
                ),
              ),
              noIdempotency: reflector.getAllAndOverride<boolean>(NO_IDEMPOTENCY, targets) ?? false,
              controller: controller.name,
              handler: name,
            });
          }
        }
      }
    }
  }
  return [...routes.values()];
}

/** "Roles: admin, editor." as the OpenAPI description shows it. */
export function describeAccess(route: Pick<RouteAccess, 'public' | 'roles'>): string {
  if (route.public) return 'Public: no credentials needed.';
  if (!route.roles) return 'Roles: any signed-in user or newsroom API key.';
  return `Roles: ${[...new Set<Role>(['admin', ...route.roles])].join(', ')}.`;
}
