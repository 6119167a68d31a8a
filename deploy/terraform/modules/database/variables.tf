variable "name" {
  description = "Identifier of the DB instance and prefix of its companions, such as orleansclinic-prod."
  type        = string
}

variable "vpc_id" {
  description = "The VPC of the instance."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets in three zones (Multi-AZ places the standby in another)."
  type        = list(string)
}

variable "client_security_group_id" {
  description = "The only security group allowed to connect on 5432: the EKS cluster security group the nodes and pods carry."
  type        = string
}

variable "engine_version" {
  description = "PostgreSQL major version (15 or 16); RDS picks the default minor and upgrades minors in the maintenance window."
  type        = string
  default     = "16"

  validation {
    condition     = contains(["15", "16"], var.engine_version)
    error_message = "The clinic's migrations are tested on PostgreSQL 15 and run on 16: choose 15 or 16."
  }
}

variable "instance_class" {
  description = "Instance class; memory-optimised Graviton by default."
  type        = string
  default     = "db.r7g.large"
}

variable "allocated_storage_gib" {
  description = "Initial gp3 storage."
  type        = number
  default     = 100
}

variable "max_allocated_storage_gib" {
  description = "Ceiling of storage autoscaling."
  type        = number
  default     = 1000
}

variable "database_name" {
  description = "The one database of the clinic; each seed service is a schema in it."
  type        = string
  default     = "clinic"
}

variable "master_username" {
  description = "Owner of the schemas: runs migrations (silo migrate), never the clinic itself."
  type        = string
  default     = "clinic_owner"
}

variable "backup_retention_days" {
  description = "Days of automated backups and point-in-time recovery."
  type        = number
  default     = 14

  validation {
    condition     = var.backup_retention_days >= 7
    error_message = "Keep at least 7 days of backups."
  }
}

variable "storage_key_arn" {
  description = "KMS key of storage, snapshots and Performance Insights."
  type        = string
}

variable "secret_key_arn" {
  description = "KMS key of the master user's secret (which RDS creates and rotates)."
  type        = string
}

variable "logs_key_arn" {
  description = "KMS key of the exported PostgreSQL logs."
  type        = string
}

variable "log_retention_days" {
  description = "Days the exported PostgreSQL logs are kept."
  type        = number
  default     = 90
}

variable "max_connections" {
  description = "PostgreSQL max_connections; silos and gateways pool connections, size this with their pool settings."
  type        = number
  default     = 800
}
