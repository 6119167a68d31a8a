variable "name" {
  description = "Prefix of the web ACL and its log group, such as orleansclinic-prod."
  type        = string
}

variable "domain_name" {
  description = "The clinic's public host name, such as clinic.example.com.au (gateway API, SSE and dashboard)."
  type        = string
}

variable "subject_alternative_names" {
  description = "Further host names on the same certificate."
  type        = list(string)
  default     = []
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone of the domain, where the certificate's DNS validation records are written."
  type        = string
}

variable "rate_limit_per_5_minutes" {
  description = "Requests one client address may make in any 5 minutes before WAF blocks it (AWS's minimum is 10). A waiting room's SSE reconnects count too."
  type        = number
  default     = 2000

  validation {
    condition     = var.rate_limit_per_5_minutes >= 10
    error_message = "WAF's smallest rate limit is 10."
  }
}

variable "logs_key_arn" {
  description = "KMS key of the WAF log group."
  type        = string
}

variable "log_retention_days" {
  description = "Days WAF logs are kept."
  type        = number
  default     = 90
}

variable "shield_advanced" {
  description = "Shield Advanced protection (USD 3,000 a month per organisation, one-year commitment, subscribed by hand first). When enabled, each listed resource (the ALB once the AWS Load Balancer Controller has made it, the hosted zone) is protected."
  type = object({
    enabled       = bool
    resource_arns = list(string)
  })
  default = { enabled = false, resource_arns = [] }
}
