output "cluster_arn" {
  description = "The MSK cluster."
  value       = aws_msk_cluster.this.arn
}

output "cluster_name" {
  description = "The MSK cluster's name (the alarms' \"Cluster Name\" dimension)."
  value       = aws_msk_cluster.this.cluster_name
}

output "bootstrap_brokers_scram" {
  description = "Kafka__BootstrapServers for SASL/SCRAM over TLS (port 9096)."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_scram
}

output "bootstrap_brokers_iam" {
  description = "Bootstrap servers for SASL/IAM (port 9098), empty unless iam_auth_enabled."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_iam
}

output "scram_secret_arn" {
  description = "Secret with the clinic's SCRAM username and password."
  value       = aws_secretsmanager_secret.scram.arn
}

output "broker_ids" {
  description = "Broker ids, for per-broker alarms."
  value       = ["1", "2", "3"]
}
