import { Global, Injectable, Module } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

/**
 * Nest's `Reflector` that remembers what it has read. Decorators set route metadata once, when
 * the classes load, and nothing in claimdesk changes it later; the global guards read it on every
 * request, and each read walks reflect-metadata's prototype chain again. Guards and interceptors
 * that read route metadata per request inject this instead of `Reflector`.
 */
@Injectable()
export class RouteMetadata extends Reflector {
  private readonly read = new WeakMap<object, Map<unknown, unknown>>();

  override get<TResult = unknown, TKey = unknown>(key: TKey, target: object): TResult {
    let byKey = this.read.get(target);
    if (!byKey) {
      byKey = new Map();
      this.read.set(target, byKey);
    }
    if (byKey.has(key)) return byKey.get(key) as TResult;
    const value = super.get<TResult, TKey>(key, target as () => void);
    byKey.set(key, value);
    return value;
  }
}

/** One `RouteMetadata` for the whole application, so every guard shares what was read. */
@Global()
@Module({ providers: [RouteMetadata], exports: [RouteMetadata] })
export class RouteMetadataModule {}
