variable "account_id" {
  description = "The AWS account."
  type        = string
}

variable "region" {
  description = "The region of the clinic's resources."
  type        = string
}

variable "partition" {
  description = "The AWS partition."
  type        = string
}

variable "oidc_provider_arn" {
  description = "The EKS cluster's IAM OIDC provider."
  type        = string
}

variable "oidc_issuer" {
  description = "The EKS cluster's OIDC issuer URL."
  type        = string
}

variable "role_names" {
  description = "Names of the IRSA roles (the key policies match them by ARN)."
  type        = map(string)

  validation {
    condition     = toset(keys(var.role_names)) == toset(["silo", "gateway", "external_secrets", "aws_load_balancer_controller"])
    error_message = "Name the roles silo, gateway, external_secrets and aws_load_balancer_controller."
  }
}

variable "service_accounts" {
  description = "The Kubernetes service account (namespace/name) each role is for; deploy/k8s must use the same."
  type        = map(string)

  validation {
    condition     = toset(keys(var.service_accounts)) == toset(["silo", "gateway", "external_secrets", "aws_load_balancer_controller"])
    error_message = "Give the service account of silo, gateway, external_secrets and aws_load_balancer_controller."
  }

  validation {
    condition     = alltrue([for v in values(var.service_accounts) : can(regex("^[a-z0-9-]+/[a-z0-9-]+$", v))])
    error_message = "Each service account is namespace/name."
  }
}

variable "vault_key_arn" {
  description = "KMS key that wraps the PII vault's data keys."
  type        = string
}

variable "archive_bucket_arn" {
  description = "The archive bucket."
  type        = string
}

variable "archive_key_prefix" {
  description = "The silos' Archive:S3:KeyPrefix."
  type        = string
}

variable "archive_key_arn" {
  description = "KMS key of the archive bucket."
  type        = string
}

variable "secrets_key_arns" {
  description = "KMS keys of the clinic's secrets (the secrets key, and the messaging key of the SCRAM secret)."
  type        = list(string)
}

variable "silo_secret_arns" {
  description = "Secrets a silo reads."
  type        = list(string)
}

variable "gateway_secret_arns" {
  description = "Secrets a gateway reads."
  type        = list(string)
}

variable "external_secrets_secret_arns" {
  description = "Every secret External Secrets syncs into the cluster."
  type        = list(string)
}

variable "msk_cluster_arn" {
  description = "The MSK cluster."
  type        = string
}

variable "msk_iam_auth_enabled" {
  description = "Grant Kafka permissions through IAM (only used when the SASL/IAM listener is on)."
  type        = bool
}

variable "kafka_topic_prefix" {
  description = "Prefix of the clinic's topics (docs/events.md: clinic.doctors, clinic.appointments, ...)."
  type        = string
  default     = "clinic."
}

variable "user_pool_arn" {
  description = "The Cognito user pool (the load balancer controller may read its app clients for ALB authentication)."
  type        = string
}
