import { DurableObject } from 'cloudflare:workers';
import type { SourceFile } from '../../core/parse-knowledge-sources.ts';

/**
 * The shop's current knowledge sources on Workers, as the scheduled re-sync last accepted them: one object (by name
 * `current`) holding the files and their version. Isolates compare versions and reload when it changes.
 */
export class KnowledgeObject extends DurableObject<Record<string, unknown>> {
  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    ctx.storage.sql.exec('create table if not exists sources (version text not null, files text not null)');
  }

  version(): string | null {
    const row = this.ctx.storage.sql.exec<{ version: string }>('select version from sources').toArray()[0];
    return row?.version ?? null;
  }

  read(): { version: string; files: SourceFile[] } | null {
    const row = this.ctx.storage.sql
      .exec<{ version: string; files: string }>('select version, files from sources')
      .toArray()[0];
    return row ? { version: row.version, files: JSON.parse(row.files) } : null;
  }

  /** Replaces the sources; returns false when this version is already stored. */
  write(version: string, files: SourceFile[]): boolean {
    if (this.version() === version) return false;
    this.ctx.storage.sql.exec('delete from sources');
    this.ctx.storage.sql.exec(
      'insert into sources (version, files) values (?, ?)',
      version,
      JSON.stringify(files),
    );
    return true;
  }
}
