variable "name" {
  description = "Prefix of the pool, its clients and the trigger, such as orleansclinic-prod."
  type        = string
}

variable "hosted_ui_domain_prefix" {
  description = "Prefix of the hosted UI domain, <prefix>.auth.<region>.amazoncognito.com (globally unique)."
  type        = string
}

variable "dashboard_callback_urls" {
  description = "Where the hosted UI may return the dashboard's authorization code, such as https://clinic.example.com.au/dashboard/."
  type        = list(string)

  validation {
    condition     = length(var.dashboard_callback_urls) > 0 && alltrue([for u in var.dashboard_callback_urls : startswith(u, "https://")])
    error_message = "Give at least one callback URL, each https."
  }
}

variable "dashboard_logout_urls" {
  description = "Where the hosted UI may send the browser after signing out."
  type        = list(string)

  validation {
    condition     = alltrue([for u in var.dashboard_logout_urls : startswith(u, "https://")])
    error_message = "Logout URLs must be https."
  }
}

variable "ses_email_identity_arn" {
  description = "A verified SES identity to send sign-up codes from. Null uses Cognito's own sender (50 emails a day: for trials only)."
  type        = string
  default     = null
}

variable "from_email_address" {
  description = "From address when sending through SES, such as \"Clinic <no-reply@clinic.example.com.au>\"."
  type        = string
  default     = null
}

variable "logs_key_arn" {
  description = "KMS key of the trigger's log group."
  type        = string
}

variable "log_retention_days" {
  description = "Days the trigger's logs are kept."
  type        = number
  default     = 90
}
