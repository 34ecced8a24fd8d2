import { randomBytes, randomUUID } from 'node:crypto';
import type { PolicyAttachment } from './policy-document.js';

export interface Domain {
  id: string;
  name: string;
}
export interface Project {
  id: string;
  name: string;
  domainId: string;
}
export interface EnterpriseProject {
  id: string;
  name: string;
  domainId: string;
}
export interface User {
  id: string;
  name: string;
  password: string;
  domainId: string;
  /** The project the user's tokens are scoped to unless the request names another one of its projects. */
  projectId: string;
  /** The IAM policies attached to the user, each in the project or in one enterprise project. */
  policies: PolicyAttachment[];
}
export interface Token {
  value: string;
  userId: string;
  projectId: string;
  issuedAt: Date;
  expiresAt: Date;
}

export type TokenCheck = { ok: true; token: Token; user: User } | { ok: false; reason: 'malformed' | 'unknown' | 'expired' };

const hex32 = (): string => randomUUID().replace(/-/g, '');
// Shaped like a Keystone PKI-z token so clients that sniff the format accept it; 40+ chars of base64url.
const TOKEN_PATTERN = /^MII[A-Za-z0-9_-]{40,}$/;

/** Domains, projects, enterprise projects, users and tokens of one mock instance. */
export class Directory {
  readonly domains = new Map<string, Domain>();
  readonly projects = new Map<string, Project>();
  readonly enterpriseProjects = new Map<string, EnterpriseProject>();
  readonly users = new Map<string, User>();
  private readonly tokens = new Map<string, Token>();
  private readonly accessKeys = new Map<string, { sk: string; userId: string }>();

  addDomain(name: string): Domain {
    const domain = { id: hex32(), name };
    this.domains.set(domain.id, domain);
    return domain;
  }

  addProject(name: string, domainId: string): Project {
    const project = { id: hex32(), name, domainId };
    this.projects.set(project.id, project);
    return project;
  }

  addEnterpriseProject(name: string, domainId: string): EnterpriseProject {
    const ep = { id: randomUUID(), name, domainId };
    this.enterpriseProjects.set(ep.id, ep);
    return ep;
  }

  addUser(fields: Omit<User, 'id'>): User {
    const user = { id: hex32(), ...fields };
    this.users.set(user.id, user);
    return user;
  }

  findUser(domainName: string | undefined, domainId: string | undefined, userName: string): User | undefined {
    for (const user of this.users.values()) {
      const domain = this.domains.get(user.domainId);
      if (user.name === userName && domain && (domain.name === domainName || domain.id === domainId)) return user;
    }
    return undefined;
  }

  issueToken(user: User, projectId: string, ttlMs: number, now = new Date()): Token {
    const token: Token = {
      value: `MII${randomBytes(48).toString('base64url')}`,
      userId: user.id,
      projectId,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
    };
    this.tokens.set(token.value, token);
    return token;
  }

  /** A permanent access key (AK/SK) of the user, for `SDK-HMAC-SHA256`-signed requests. */
  addAccessKey(
    userId: string,
    key = { ak: randomBytes(10).toString('hex').toUpperCase(), sk: randomBytes(30).toString('base64url') },
  ): { ak: string; sk: string } {
    this.accessKeys.set(key.ak, { sk: key.sk, userId });
    return key;
  }

  findAccessKey(ak: string): { sk: string; user: User } | undefined {
    const key = this.accessKeys.get(ak);
    const user = key && this.users.get(key.userId);
    return key && user ? { sk: key.sk, user } : undefined;
  }

  checkToken(value: string | undefined, now = new Date()): TokenCheck {
    if (!value || !TOKEN_PATTERN.test(value)) return { ok: false, reason: 'malformed' };
    const token = this.tokens.get(value);
    const user = token && this.users.get(token.userId);
    if (!token || !user) return { ok: false, reason: 'unknown' };
    if (token.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, token, user };
  }
}
