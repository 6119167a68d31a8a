output "vault_key_arn" {
  description = "Privacy:Vault:Kms:Keys:1 of every silo."
  value       = aws_kms_key.vault.arn
}

output "database_key_arn" {
  description = "Encrypts RDS storage and Performance Insights."
  value       = aws_kms_key.database.arn
}

output "messaging_key_arn" {
  description = "Encrypts MSK storage and the SCRAM secret."
  value       = aws_kms_key.messaging.arn
}

output "archive_key_arn" {
  description = "Encrypts the archive bucket and the anchor replica."
  value       = aws_kms_key.archive.arn
}

output "eks_key_arn" {
  description = "Encrypts Kubernetes secrets in etcd."
  value       = aws_kms_key.eks.arn
}

output "logs_key_arn" {
  description = "Encrypts log groups and the alarm topic."
  value       = aws_kms_key.logs.arn
}

output "secrets_key_arn" {
  description = "Encrypts the Secrets Manager secrets."
  value       = aws_kms_key.secrets.arn
}
