variable "region" {
  description = "AWS region of the whole deployment; Australian health data stays in Australia."
  type        = string
  default     = "ap-southeast-2"
}

variable "availability_zones" {
  description = "Three availability zones of the region."
  type        = list(string)
  default     = ["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c"]
}

variable "environment" {
  description = "Environment name, part of every resource name."
  type        = string
  default     = "prod"
}

variable "vpc_cidr" {
  description = "The VPC's address range."
  type        = string
  default     = "10.40.0.0/16"
}

variable "nat_gateway_per_az" {
  description = "A NAT gateway per zone (true) or one shared (cheaper; egress fails with its zone)."
  type        = bool
  default     = true
}

variable "admin_role_arns" {
  description = "Further IAM roles that administer the KMS keys and the EKS cluster, besides the role running Terraform (break-glass, platform team)."
  type        = list(string)
  default     = []
}

variable "eks_public_access_cidrs" {
  description = "Addresses that may reach the Kubernetes API's public endpoint; empty keeps the API private (reach it over VPN or from inside the VPC)."
  type        = list(string)
  default     = []
}

variable "kubernetes_version" {
  description = "Kubernetes version of the cluster."
  type        = string
  default     = "1.32"
}

variable "node_instance_types" {
  description = "Instance types of the nodes."
  type        = list(string)
  default     = ["m7i.large"]
}

variable "node_min_size" {
  description = "Fewest nodes."
  type        = number
  default     = 3
}

variable "node_max_size" {
  description = "Most nodes."
  type        = number
  default     = 9
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.r7g.large"
}

variable "db_engine_version" {
  description = "PostgreSQL major version, 15 or 16."
  type        = string
  default     = "16"
}

variable "db_backup_retention_days" {
  description = "Days of RDS automated backups (at least 7)."
  type        = number
  default     = 14

  validation {
    condition     = var.db_backup_retention_days >= 7
    error_message = "Keep at least 7 days of backups."
  }
}

variable "db_max_connections" {
  description = "PostgreSQL max_connections."
  type        = number
  default     = 800
}

variable "kafka_version" {
  description = "MSK Kafka version."
  type        = string
  default     = "3.6.0"
}

variable "msk_broker_instance_type" {
  description = "MSK broker instance type."
  type        = string
  default     = "kafka.m7g.large"
}

variable "msk_iam_auth_enabled" {
  description = "Open MSK's SASL/IAM listener and grant the pods Kafka permissions through IAM (needs a token handler in the clinic first: docs/events.md)."
  type        = bool
  default     = false
}

variable "archive_bucket_name" {
  description = "The archive bucket; null gives orleansclinic-archive-<environment>."
  type        = string
  default     = null
}

variable "archive_key_prefix" {
  description = "Archive:S3:KeyPrefix of the silos."
  type        = string
  default     = "archive"
}

variable "archive_noncurrent_version_days" {
  description = "Days a deleted or rewritten archive object's old version is kept."
  type        = number
  default     = 30
}

variable "archive_retention_backstop_days" {
  description = "Optional expiry of archived appointment batches (null: none; see the README before setting it)."
  type        = number
  default     = null
}

variable "archive_reader_role_arns" {
  description = "Roles that may decrypt the archive (auditors downloading audit anchors)."
  type        = list(string)
  default     = []
}

variable "anchor_replica" {
  description = "The Object Lock replica of the audit anchors: on/off, bucket name (null: <archive bucket>-anchors), lock mode and years."
  type = object({
    enabled     = bool
    bucket_name = optional(string)
    mode        = optional(string, "COMPLIANCE")
    years       = optional(number, 7)
  })
  default = { enabled = true }
}

variable "domain_name" {
  description = "Public host name of the clinic (gateway, SSE, dashboard)."
  type        = string
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone of domain_name, for the certificate's DNS validation."
  type        = string
}

variable "cognito_domain_prefix" {
  description = "Prefix of the Cognito hosted UI domain (globally unique)."
  type        = string
}

variable "dashboard_callback_urls" {
  description = "Hosted UI callback URLs of the dashboard; null gives https://<domain_name>/dashboard/."
  type        = list(string)
  default     = null
}

variable "dashboard_logout_urls" {
  description = "Hosted UI logout URLs of the dashboard; null gives https://<domain_name>/dashboard/."
  type        = list(string)
  default     = null
}

variable "cognito_ses_email_identity_arn" {
  description = "Verified SES identity for sign-up codes; null uses Cognito's own sender (50 a day)."
  type        = string
  default     = null
}

variable "cognito_from_email_address" {
  description = "From address of Cognito's emails when sent through SES."
  type        = string
  default     = null
}

variable "waf_rate_limit_per_5_minutes" {
  description = "Requests per client address per 5 minutes before WAF blocks it."
  type        = number
  default     = 2000
}

variable "shield_advanced" {
  description = "Shield Advanced protection of the listed resources (costly: subscribe by hand first)."
  type = object({
    enabled       = bool
    resource_arns = list(string)
  })
  default = { enabled = false, resource_arns = [] }
}

variable "log_retention_days" {
  description = "Days every log group keeps its logs."
  type        = number
  default     = 90

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "Use a retention CloudWatch Logs accepts (never 0, which keeps logs forever)."
  }
}

variable "alarm_emails" {
  description = "Addresses that receive alarms."
  type        = list(string)
  default     = []
}

variable "alb_arn_suffix" {
  description = "The gateway ALB's ARN suffix (app/<name>/<id>) once the AWS Load Balancer Controller has made it; null until then."
  type        = string
  default     = null
}

variable "chatbot" {
  description = "Optional AWS Chatbot channels (Slack workspace/channel ids, Teams tenant/team/channel ids) for the alarm topic."
  type = object({
    slack_workspace_id = optional(string)
    slack_channel_id   = optional(string)
    teams_tenant_id    = optional(string)
    teams_team_id      = optional(string)
    teams_channel_id   = optional(string)
  })
  default = {}
}

variable "kubernetes_namespace" {
  description = "Namespace of the silo and gateway in deploy/k8s."
  type        = string
  default     = "orleans-clinic"
}

variable "service_accounts" {
  description = "namespace/name of each IRSA service account; null entries take the defaults (README, \"Service accounts\")."
  type = object({
    silo                         = optional(string)
    gateway                      = optional(string)
    external_secrets             = optional(string)
    aws_load_balancer_controller = optional(string)
  })
  default = {}
}
