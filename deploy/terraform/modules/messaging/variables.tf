variable "name" {
  description = "Name of the MSK cluster and prefix of its companions, such as orleansclinic-prod."
  type        = string
}

variable "vpc_id" {
  description = "The VPC of the brokers."
  type        = string
}

variable "private_subnet_ids" {
  description = "Three private subnets, one broker in each."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) == 3
    error_message = "MSK spreads its three brokers over exactly three subnets here."
  }
}

variable "client_security_group_id" {
  description = "The only security group allowed to reach the brokers: the EKS cluster security group."
  type        = string
}

variable "kafka_version" {
  description = "Apache Kafka version of the cluster."
  type        = string
  default     = "3.6.0"
}

variable "broker_instance_type" {
  description = "Broker instance type."
  type        = string
  default     = "kafka.m7g.large"
}

variable "broker_volume_gib" {
  description = "EBS storage per broker."
  type        = number
  default     = 100
}

variable "partitions_per_topic" {
  description = "Default partition count of new topics; must equal the clinic's Kafka:PartitionsPerTopic."
  type        = number
  default     = 4
}

variable "iam_auth_enabled" {
  description = "Also open the SASL/IAM listener (port 9098). The clinic authenticates with SCRAM until an AWS MSK IAM token handler is wired in (docs/events.md)."
  type        = bool
  default     = false
}

variable "scram_username" {
  description = "SASL/SCRAM user of the clinic (silos and gateways)."
  type        = string
  default     = "clinic"
}

variable "storage_key_arn" {
  description = "KMS key of broker storage and of the SCRAM secret (MSK refuses a secret under the default Secrets Manager key)."
  type        = string
}

variable "logs_key_arn" {
  description = "KMS key of the broker log group."
  type        = string
}

variable "log_retention_days" {
  description = "Days broker logs are kept."
  type        = number
  default     = 30
}
