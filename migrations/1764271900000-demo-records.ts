import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The demo desk's records by stable key (`lavrov-mercenaries` → the claim's id), so the loader
 * finds what it created even after someone edited it, instead of matching by text and loading an
 * edited demo claim a second time. Only `npm run start:demo` writes here.
 */
export class DemoRecords1764271900000 implements MigrationInterface {
  name = 'DemoRecords1764271900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE demo_records (
        key text PRIMARY KEY CHECK (key ~ '^[a-z0-9:-]{1,100}$'),
        record_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE demo_records`);
  }
}
