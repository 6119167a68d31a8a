variable "name" {
  description = "Prefix of every resource name, such as orleansclinic-prod."
  type        = string
}

variable "region" {
  description = "The region, for the VPC endpoints' service names."
  type        = string
}

variable "cluster_name" {
  description = "The EKS cluster's name, for the subnet tags the AWS Load Balancer Controller looks for."
  type        = string
}

variable "vpc_cidr" {
  description = "The VPC's address range; split into three public and three private subnets."
  type        = string
  default     = "10.40.0.0/16"
}

variable "availability_zones" {
  description = "Exactly three availability zones (RDS Multi-AZ, three MSK brokers, nodes in each)."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) == 3
    error_message = "Give exactly three availability zones."
  }
}

variable "nat_gateway_per_az" {
  description = "One NAT gateway per zone (survives a zone outage) or one for all (cheaper, a single point of failure for egress)."
  type        = bool
  default     = true
}

variable "interface_endpoint_services" {
  description = "AWS services reached through interface endpoints, so that pods' calls to them stay in the VPC."
  type        = list(string)
  default     = ["ecr.api", "ecr.dkr", "sts", "secretsmanager", "kms", "logs"]
}

variable "flow_log_retention_days" {
  description = "Days VPC flow logs are kept."
  type        = number
  default     = 90
}

variable "logs_key_arn" {
  description = "KMS key of the flow-log group."
  type        = string
}
