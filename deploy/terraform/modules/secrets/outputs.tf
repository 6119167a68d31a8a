output "clinic_service_database_secret_arn" {
  description = "The clinic's own database login (not the owner)."
  value       = aws_secretsmanager_secret.this["database/clinic-service"].arn
}

output "blind_index_key_secret_arn" {
  description = "The PII vault's blind-index key."
  value       = aws_secretsmanager_secret.this["privacy/blind-index-key"].arn
}

output "twilio_secret_arn" {
  description = "Twilio credentials."
  value       = aws_secretsmanager_secret.this["notifications/twilio"].arn
}

output "sendgrid_secret_arn" {
  description = "SendGrid credentials."
  value       = aws_secretsmanager_secret.this["notifications/sendgrid"].arn
}
