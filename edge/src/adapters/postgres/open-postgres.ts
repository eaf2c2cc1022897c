import postgres from 'postgres';

/**
 * A connection pool to a PostgreSQL server for the stores. `schema` keeps a store's tables in their own schema
 * (created beforehand); `public` stays on the search path so the pgvector `vector` type resolves.
 */
export function openPostgres(url: string, options: { schema?: string } = {}): postgres.Sql {
  if (options.schema && !/^[a-z_][a-z0-9_]*$/.test(options.schema))
    throw new Error(`schema must be a plain lower-case identifier (got "${options.schema}")`);
  return postgres(url, {
    max: 4,
    onnotice: () => {},
    idle_timeout: 20,
    ...(options.schema ? { connection: { search_path: `${options.schema},public` } } : {}),
  });
}
