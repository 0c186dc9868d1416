import { MigrationInterface, QueryRunner } from 'typeorm';

/** The claims registry: actors, sources, claims with their stances and evidence, and the indexes their queries use. */
export class Registry1764270100000 implements MigrationInterface {
  name = 'Registry1764270100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Actor matching ignores case, accents and runs of whitespace: "sergei  lavrov" and
    // "Sergéi Lavrov" are the same person as "Sergei Lavrov". One function so that the generated
    // keys, the look-ups and the advisory-lock keys can never disagree.
    await queryRunner.query(`
      CREATE FUNCTION claimdesk_actor_key(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.claimdesk_fold(regexp_replace(btrim(value), '\\s+', ' ', 'g')) $$`);
    await queryRunner.query(`
      CREATE FUNCTION claimdesk_actor_keys(value text[]) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT coalesce(array_agg(public.claimdesk_actor_key(item)), '{}') FROM unnest(value) AS item $$`);
    // array_to_string is only STABLE in general (element output functions may vary), but over
    // text[] it is deterministic, so the search key may be a generated column.
    await queryRunner.query(`
      CREATE FUNCTION claimdesk_actor_search_key(name text, aliases text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT public.claimdesk_actor_key(name) || ' ' || array_to_string(public.claimdesk_actor_keys(coalesce(aliases, '{}')), ' ') $$`);

    await queryRunner.query(`
      CREATE TABLE actors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('person', 'government', 'organization', 'media_outlet', 'group')),
        title text,
        country text,
        aliases text[] NOT NULL DEFAULT '{}',
        name_key text GENERATED ALWAYS AS (claimdesk_actor_key(name)) STORED,
        alias_keys text[] GENERATED ALWAYS AS (claimdesk_actor_keys(aliases)) STORED,
        search_key text GENERATED ALWAYS AS (claimdesk_actor_search_key(name, aliases)) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    // Names are not unique (two people may share one); findOrCreate serialises on the key instead.
    await queryRunner.query(`CREATE INDEX actors_name_key_idx ON actors (name_key, id)`);
    await queryRunner.query(`CREATE INDEX actors_alias_keys_idx ON actors USING gin (alias_keys)`);
    await queryRunner.query(
      `CREATE INDEX actors_search_key_trgm_idx ON actors USING gin (search_key gin_trgm_ops)`,
    );

    await queryRunner.query(`
      CREATE TABLE sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL,
        url_key text NOT NULL UNIQUE,
        title text,
        outlet text,
        published_at timestamptz,
        language text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Full-text search indexes every claim twice: with 'english' (stemming, so "mercenary" finds
    // "mercenaries") and with 'simple' (every token as written, folded), so claims in other languages
    // are still found by their words even though the english stemmer and stop list do not apply to them.
    // Queries OR an english and a simple tsquery over the same vector.
    await queryRunner.query(`
      CREATE TABLE claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
        summary text,
        language text NOT NULL DEFAULT 'en',
        tags text[] NOT NULL DEFAULT '{}',
        priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        status text NOT NULL DEFAULT 'submitted'
          CHECK (status IN ('submitted', 'triaged', 'assigned', 'in_review', 'in_approval', 'published', 'dismissed')),
        evidence_status text NOT NULL DEFAULT 'unverified'
          CHECK (evidence_status IN ('unverified', 'unsubstantiated', 'disputed', 'corroborated', 'debunked')),
        verdict text
          CHECK (verdict IN ('true', 'mostly_true', 'mixed', 'misleading', 'mostly_false', 'false', 'unproven')),
        source_id uuid REFERENCES sources (id) ON DELETE SET NULL,
        assignee_id uuid,
        due_at timestamptz,
        created_by_kind text CHECK (created_by_kind IN ('user', 'api_key')),
        created_by_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english'::regconfig, claimdesk_fold(text)), 'A') ||
          setweight(to_tsvector('simple'::regconfig, claimdesk_fold(text)), 'A') ||
          setweight(to_tsvector('english'::regconfig, claimdesk_fold(coalesce(summary, ''))), 'B') ||
          setweight(to_tsvector('simple'::regconfig, claimdesk_fold(coalesce(summary, ''))), 'B')
        ) STORED
      )`);
    await queryRunner.query(`CREATE INDEX claims_search_idx ON claims USING gin (search)`);
    await queryRunner.query(
      `CREATE INDEX claims_text_trgm_idx ON claims USING gin (claimdesk_fold(text) gin_trgm_ops)`,
    );
    // The list is newest first with id as tie-breaker; each equality filter gets the same order
    // after its column so a filtered page is an index range scan, not a sort.
    await queryRunner.query(`CREATE INDEX claims_list_idx ON claims (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX claims_status_idx ON claims (status, created_at DESC, id DESC)`);
    await queryRunner.query(
      `CREATE INDEX claims_evidence_status_idx ON claims (evidence_status, created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX claims_verdict_idx ON claims (verdict, created_at DESC, id DESC) WHERE verdict IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX claims_assignee_idx ON claims (assignee_id, created_at DESC, id DESC) WHERE assignee_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX claims_tags_idx ON claims USING gin (tags)`);
    await queryRunner.query(
      `CREATE INDEX claims_source_idx ON claims (source_id) WHERE source_id IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE stances (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
        actor_id uuid NOT NULL REFERENCES actors (id),
        type text NOT NULL CHECK (type IN ('asserted', 'repeated', 'supported', 'rejected')),
        stated_at timestamptz,
        quote text,
        source_url text,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by_kind text CHECK (created_by_kind IN ('user', 'api_key')),
        created_by_id uuid
      )`);
    await queryRunner.query(`CREATE INDEX stances_claim_idx ON stances (claim_id, created_at, id)`);
    await queryRunner.query(`CREATE INDEX stances_actor_idx ON stances (actor_id, claim_id)`);

    await queryRunner.query(`
      CREATE TABLE evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        claim_id uuid NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
        kind text NOT NULL
          CHECK (kind IN ('document', 'official_statement', 'data', 'media', 'expert', 'report', 'other')),
        summary text NOT NULL,
        url text,
        relation text NOT NULL CHECK (relation IN ('supports', 'refutes', 'context')),
        reliability text CHECK (reliability IN ('high', 'medium', 'low')),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by_kind text CHECK (created_by_kind IN ('user', 'api_key')),
        created_by_id uuid
      )`);
    await queryRunner.query(`CREATE INDEX evidence_claim_idx ON evidence (claim_id, created_at, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE evidence`);
    await queryRunner.query(`DROP TABLE stances`);
    await queryRunner.query(`DROP TABLE claims`);
    await queryRunner.query(`DROP TABLE sources`);
    await queryRunner.query(`DROP TABLE actors`);
    await queryRunner.query(`DROP FUNCTION claimdesk_actor_search_key`);
    await queryRunner.query(`DROP FUNCTION claimdesk_actor_keys`);
    await queryRunner.query(`DROP FUNCTION claimdesk_actor_key`);
  }
}
