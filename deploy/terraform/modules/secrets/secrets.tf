# Secrets whose values Terraform never sees: it creates each secret empty, and an operator puts the value once
# (README: "Filling the secrets"). So no value is in the repository or in Terraform's state. The External Secrets
# Operator (or the Secrets Store CSI driver) turns them into the environment variables named in each description.
# The database owner's secret is RDS's own (modules/database); the Kafka SCRAM secret is MSK's (modules/messaging).

locals {
  secrets = {
    "database/clinic-service" = "Login role of the running clinic, granted clinic_app (docs/audit.md): JSON {username, password}. Builds ConnectionStrings__Clinic."
    "privacy/blind-index-key" = "Privacy__Vault__BlindIndexKey: 32 random bytes, base64 (openssl rand -base64 32). Never change it: the vault's email and phone indexes are keyed by it."
    "notifications/twilio"    = "JSON {accountSid, authToken, from}: Notifications__Twilio__AccountSid, __AuthToken, __From. The gateway checks status callbacks with the auth token."
    "notifications/sendgrid"  = "JSON {apiKey, from}: Notifications__SendGrid__ApiKey, __From."
  }
}

resource "aws_secretsmanager_secret" "this" {
  for_each = local.secrets

  name                    = "${var.name}/${each.key}"
  description             = each.value
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.recovery_window_days
}
