variable "bucket_name" {
  description = "The archive bucket (Archive:S3:BucketName), such as orleansclinic-archive-prod."
  type        = string
}

variable "key_prefix" {
  description = "Archive:S3:KeyPrefix of the silos; the lifecycle rules and the anchor protection match it."
  type        = string
  default     = "archive"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]*$", var.key_prefix))
    error_message = "A single folder name: lowercase letters, digits and hyphens."
  }
}

variable "kms_key_arn" {
  description = "KMS key of the archive (and of the anchor replica)."
  type        = string
}

variable "silo_role_arn" {
  description = "The silos' role, denied deleting or replacing audit anchors."
  type        = string
}

variable "noncurrent_version_days" {
  description = "Days a deleted or rewritten object's old version is kept before S3 removes it for good. Versioning lets a mistaken deletion be undone for this long; after it, a record the retention purge destroyed is gone from S3 too."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_days >= 1 && var.noncurrent_version_days <= 90
    error_message = "Keep old versions between 1 and 90 days: longer keeps destroyed records around."
  }
}

variable "retention_backstop_days" {
  description = "Optional expiry of archived appointment batches, counted from upload. Null (the default) sets none: the retention job destroys records when their retention ends, which a fixed age cannot express (README: \"Why no expiry by default\")."
  type        = number
  default     = null

  validation {
    condition     = var.retention_backstop_days == null || try(var.retention_backstop_days >= 9132, false)
    error_message = "A backstop must not come before the longest retention: a minor's record is kept until age 25 (9,132 days from birth)."
  }
}

variable "anchor_replica" {
  description = "Copy audit anchors to a second bucket under S3 Object Lock, where no one can delete them before the retention ends (docs/audit.md)."
  type = object({
    enabled     = bool
    bucket_name = string
    mode        = string
    years       = number
  })

  validation {
    condition     = contains(["COMPLIANCE", "GOVERNANCE"], var.anchor_replica.mode) && var.anchor_replica.years >= 7
    error_message = "Object Lock mode is COMPLIANCE or GOVERNANCE, and anchors are kept at least 7 years."
  }
}

variable "replication_role_name" {
  description = "Name of the role S3 replication assumes (the archive key's policy names it)."
  type        = string
}
