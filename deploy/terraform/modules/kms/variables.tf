variable "name" {
  description = "Prefix of every key alias, such as orleansclinic-prod."
  type        = string
}

variable "account_id" {
  description = "The AWS account that owns the keys."
  type        = string
}

variable "region" {
  description = "The region of the keys and of the services that use them."
  type        = string
}

variable "partition" {
  description = "The AWS partition (aws, aws-cn, aws-us-gov)."
  type        = string
}

variable "admin_arns" {
  description = "IAM roles that administer the keys and deploy with them (the Terraform role). They may manage the keys and create grants for AWS services, never read data with them."
  type        = list(string)

  validation {
    condition     = length(var.admin_arns) > 0
    error_message = "Name at least one key administrator, or nobody but the account root could manage the keys."
  }
}

variable "deletion_window_days" {
  description = "Days a key scheduled for deletion can still be recovered."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_days >= 7 && var.deletion_window_days <= 30
    error_message = "KMS accepts 7 to 30 days."
  }
}

variable "role_arns" {
  description = "ARNs of the roles that use the keys, built from their names so that the key policies need not wait for the roles to exist."
  type = object({
    silo                = string
    gateway             = string
    external_secrets    = string
    eks_cluster         = string
    archive_replication = string
  })
}

variable "archive_bucket_arns" {
  description = "The archive bucket and, when replicated, the audit-anchor replica bucket (S3 Bucket Keys make the bucket ARN the encryption context)."
  type        = list(string)
}

variable "archive_reader_arns" {
  description = "Roles that may read the archive (auditors downloading audit anchors). Empty by default."
  type        = list(string)
  default     = []
}
