variable "name" {
  description = "Prefix of the secrets' names, such as orleansclinic-prod."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key of the secrets."
  type        = string
}

variable "recovery_window_days" {
  description = "Days a deleted secret can still be restored."
  type        = number
  default     = 30
}
