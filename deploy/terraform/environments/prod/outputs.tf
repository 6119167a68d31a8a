# What deploy/k8s's overlays and the clinic's configuration need (README, "Outputs to Kubernetes").

output "region" {
  description = "AWS region (Archive__S3__Region, Privacy__Vault__Kms__Region, Auth__Cognito__Region, --aws-region)."
  value       = var.region
}

output "vpc_id" {
  description = "The VPC (the AWS Load Balancer Controller's --aws-vpc-id)."
  value       = module.network.vpc_id
}

output "nat_public_ips" {
  description = "Outbound addresses of the clinic."
  value       = module.network.nat_public_ips
}

output "cluster_name" {
  description = "EKS cluster name (aws eks update-kubeconfig --name ...)."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = module.eks.cluster_endpoint
}

output "irsa_role_arns" {
  description = "eks.amazonaws.com/role-arn of each service account: silo, gateway, external_secrets, aws_load_balancer_controller."
  value       = module.iam.role_arns
}

output "service_accounts" {
  description = "namespace/name of the service account each IRSA role trusts."
  value       = local.service_accounts
}

output "database_endpoint" {
  description = "PostgreSQL host and port (ConnectionStrings__Clinic: Host=...;Port=...;Database=...;SSL Mode=VerifyFull)."
  value       = { host = module.database.address, port = module.database.port, database = module.database.database_name }
}

output "kafka_bootstrap_servers" {
  description = "Kafka__BootstrapServers (SASL/SCRAM over TLS)."
  value       = module.messaging.bootstrap_brokers_scram
}

output "kafka_bootstrap_servers_iam" {
  description = "Bootstrap servers of the SASL/IAM listener (empty unless enabled)."
  value       = module.messaging.bootstrap_brokers_iam
}

output "secret_arns" {
  description = "Secrets Manager secrets for External Secrets (ExternalSecret remoteRef.key)."
  value = {
    database_owner          = module.database.master_user_secret_arn
    database_clinic_service = module.secrets.clinic_service_database_secret_arn
    kafka_scram             = module.messaging.scram_secret_arn
    blind_index_key         = module.secrets.blind_index_key_secret_arn
    twilio                  = module.secrets.twilio_secret_arn
    sendgrid                = module.secrets.sendgrid_secret_arn
  }
}

output "vault_key_arn" {
  description = "Privacy__Vault__Kms__Keys__1."
  value       = module.kms.vault_key_arn
}

output "archive" {
  description = "Archive__S3__BucketName and Archive__S3__KeyPrefix."
  value       = { bucket = module.storage.bucket_name, key_prefix = module.storage.key_prefix, anchor_replica = module.storage.anchor_replica_bucket_name }
}

output "cognito" {
  description = "Auth__Cognito__UserPoolId, Auth__Cognito__AppClientId (the patient app client) and the dashboard's hosted UI."
  value = {
    user_pool_id          = module.identity.user_pool_id
    issuer                = module.identity.issuer
    patient_app_client_id = module.identity.patient_app_client_id
    dashboard_client_id   = module.identity.dashboard_client_id
    hosted_ui_domain      = module.identity.hosted_ui_domain
  }
}

output "certificate_arn" {
  description = "alb.ingress.kubernetes.io/certificate-arn."
  value       = module.edge.certificate_arn
}

output "waf_web_acl_arn" {
  description = "alb.ingress.kubernetes.io/wafv2-acl-arn."
  value       = module.edge.web_acl_arn
}

output "alarm_topic_arn" {
  description = "SNS topic of every alarm."
  value       = module.observability.alarm_topic_arn
}

output "app_log_groups" {
  description = "Log groups of the silo and gateway for the log shipper."
  value       = module.observability.app_log_groups
}
