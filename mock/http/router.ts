import type { SpecOperation } from '../../src/model/operation.js';

interface Route {
  pattern: RegExp;
  names: string[];
  literalSegments: number;
  path: string;
  byMethod: Map<string, SpecOperation>;
}

export type RouteMatch =
  | { kind: 'operation'; operation: SpecOperation; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

/**
 * Routes requests to spec operations. Built from the spec's paths, so the mock serves exactly what the
 * contract lists. A literal segment beats a template (`/v2/cloudimages/action` before `/{image_id}`).
 */
export class Router {
  private readonly routes: Route[];

  constructor(operations: readonly SpecOperation[]) {
    const byPath = new Map<string, Route>();
    for (const op of operations) {
      let route = byPath.get(op.path);
      if (!route) {
        const names: string[] = [];
        const segments = op.path.split('/').filter(Boolean);
        const source = segments
          .map((s) => {
            const m = /^\{(.+)\}$/.exec(s);
            if (m?.[1]) {
              names.push(m[1]);
              return '/([^/]+)';
            }
            return `/${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
          })
          .join('');
        route = {
          pattern: new RegExp(`^${source || '/'}/?$`),
          names,
          literalSegments: segments.filter((s) => !s.startsWith('{')).length,
          path: op.path,
          byMethod: new Map(),
        };
        byPath.set(op.path, route);
      }
      route.byMethod.set(op.method.toUpperCase(), op);
    }
    this.routes = [...byPath.values()].sort((a, b) => b.literalSegments - a.literalSegments);
  }

  match(method: string, path: string): RouteMatch {
    let allowed: string[] | undefined;
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      const operation = route.byMethod.get(method.toUpperCase());
      if (!operation) {
        allowed ??= [...route.byMethod.keys()];
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = safeDecode(m[i + 1] ?? '');
      });
      return { kind: 'operation', operation, params };
    }
    return allowed ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
