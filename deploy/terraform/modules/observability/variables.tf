variable "name" {
  description = "Prefix of the topic, alarms and log groups, such as orleansclinic-prod."
  type        = string
}

variable "logs_key_arn" {
  description = "KMS key of the application log groups and the alarm topic."
  type        = string
}

variable "log_retention_days" {
  description = "Days application logs are kept (they hold no personal details: docs/privacy-vault.md)."
  type        = number
  default     = 90
}

variable "alarm_emails" {
  description = "Addresses subscribed to the alarm topic (each confirms by email once)."
  type        = list(string)
  default     = []
}

variable "db_instance_identifier" {
  description = "The RDS instance watched."
  type        = string
}

variable "db_max_connections" {
  description = "The instance's max_connections; the alarm fires at 80 % of it."
  type        = number
}

variable "db_free_storage_alarm_gib" {
  description = "Free storage below which the database alarm fires."
  type        = number
  default     = 20
}

variable "msk_cluster_name" {
  description = "The MSK cluster watched."
  type        = string
}

variable "msk_broker_ids" {
  description = "Broker ids of the cluster."
  type        = list(string)
}

variable "node_autoscaling_group_name" {
  description = "Auto Scaling group of the EKS managed node group (a name known only after apply, so one alarm, not one per name)."
  type        = string
}

variable "alb_arn_suffix" {
  description = "The ALB's ARN suffix (app/<name>/<id>), known once the AWS Load Balancer Controller has made it; null leaves out the ALB alarms until then."
  type        = string
  default     = null
}

variable "alb_target_response_seconds" {
  description = "p95 target response time above which the ALB alarm fires (SSE responses count from their headers, not their length)."
  type        = number
  default     = 1
}

variable "app_metrics_namespace" {
  description = "CloudWatch namespace the ADOT collector exports the clinic's OpenTelemetry metrics to."
  type        = string
  default     = "OrleansClinic"
}

variable "app_metric_names" {
  description = "Names of the clinic's metrics as the exporter writes them (OpenTelemetry instrument names by default)."
  type = object({
    outbox_oldest_unsent_age_seconds = string
    notifications_failed             = string
  })
  default = {
    outbox_oldest_unsent_age_seconds = "clinic.outbox.oldest_unsent_age_seconds"
    notifications_failed             = "clinic.notifications.failed"
  }
}

variable "outbox_lag_alarm_seconds" {
  description = "Age of the oldest unpublished outbox event above which events are late (SSE and notifications wait on them)."
  type        = number
  default     = 60
}

variable "chatbot" {
  description = "Optional AWS Chatbot delivery of the alarm topic to Slack and/or Microsoft Teams. The workspace or tenant must first be authorised once in the AWS Chatbot console; then give its ids here."
  type = object({
    slack_workspace_id = optional(string)
    slack_channel_id   = optional(string)
    teams_tenant_id    = optional(string)
    teams_team_id      = optional(string)
    teams_channel_id   = optional(string)
  })
  default = {}
}
