/** Builds a HostApi whose every method is one call through a transport (`call(method, args)`). */
import type { HostApi } from '../../shared/host-api.ts';

export function hostApiProxy(call: (method: string, args: unknown[]) => Promise<unknown>): HostApi {
  return new Proxy(
    {},
    {
      // `then` is never a namespace: awaiting the api object must not look like a thenable.
      get: (_target, namespace) =>
        typeof namespace !== 'string' || namespace === 'then'
          ? undefined
          : new Proxy(
              {},
              {
                get: (_t, name) =>
                  typeof name !== 'string' || name === 'then'
                    ? undefined
                    : (...args: unknown[]) => {
                        // Trailing undefined arguments are dropped (they would arrive as null).
                        while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
                        return call(`${namespace}.${name}`, args);
                      },
              },
            ),
    },
  ) as HostApi;
}
