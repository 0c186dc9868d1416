import { MigrationInterface, QueryRunner } from 'typeorm';

// `\_`: a literal underscore, not LIKE's any-character.
const storedForm = (column: string) => `(${column} LIKE 'v1:%' OR ${column} LIKE 'whsec\\_%')`;

/**
 * Webhook signing secrets are now stored encrypted (AES-256-GCM under WEBHOOK_SECRETS_KEY, as
 * `v1:` + base64(iv|ciphertext|tag); libs/webhooks/src/secret-box.ts), in the same text columns.
 *
 * Why no data rewrite here: a migration has no business holding the key (it runs from a separate
 * one-shot process, and SQL cannot do the encryption without pgcrypto and the key in a query). So the
 * code reads both forms: a value starting `whsec_` is a secret stored before this change and signs
 * as it is; the next update or rotation of that endpoint re-encrypts it (WebhooksService). No sealed
 * value can start `whsec_`, so the two never mix up. The CHECKs make any third form a write error.
 *
 * `down` cannot decrypt either: code from before this change would sign with the sealed text, so
 * after a rollback every endpoint has to rotate its secret.
 */
export class EncryptWebhookSecrets1764270900000 implements MigrationInterface {
  name = 'EncryptWebhookSecrets1764270900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE webhooks
         ADD CONSTRAINT webhooks_secret_form_check CHECK ${storedForm('secret')},
         ADD CONSTRAINT webhooks_previous_secret_form_check
           CHECK (previous_secret IS NULL OR ${storedForm('previous_secret')})`,
    );
    await queryRunner.query(
      `COMMENT ON COLUMN webhooks.secret IS
         'v1:base64(iv|ciphertext|tag), AES-256-GCM under WEBHOOK_SECRETS_KEY; whsec_… is a legacy plaintext row'`,
    );
    await queryRunner.query(
      `COMMENT ON COLUMN webhooks.previous_secret IS 'the secret before the last rotation, stored like secret'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`COMMENT ON COLUMN webhooks.previous_secret IS NULL`);
    await queryRunner.query(`COMMENT ON COLUMN webhooks.secret IS NULL`);
    await queryRunner.query(
      `ALTER TABLE webhooks DROP CONSTRAINT webhooks_previous_secret_form_check,
         DROP CONSTRAINT webhooks_secret_form_check`,
    );
  }
}
