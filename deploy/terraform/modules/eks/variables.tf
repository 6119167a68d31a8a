variable "cluster_name" {
  description = "The EKS cluster's name."
  type        = string
}

variable "cluster_role_name" {
  description = "Name of the control plane's IAM role (the EKS key's policy names it)."
  type        = string
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of the control plane and nodes."
  type        = string
  default     = "1.32"
}

variable "private_subnet_ids" {
  description = "Subnets of the control plane's network interfaces and of the nodes."
  type        = list(string)
}

variable "public_access_cidrs" {
  description = "Addresses allowed to reach the public API endpoint (office, VPN, CI). Empty turns the public endpoint off."
  type        = list(string)

  validation {
    condition     = !contains(var.public_access_cidrs, "0.0.0.0/0")
    error_message = "Do not open the Kubernetes API to the whole internet; list the addresses that need it, or none."
  }
}

variable "encryption_key_arn" {
  description = "KMS key that envelope-encrypts Kubernetes secrets."
  type        = string
}

variable "logs_key_arn" {
  description = "KMS key of the control plane's log group."
  type        = string
}

variable "log_retention_days" {
  description = "Days the control plane's logs are kept."
  type        = number
  default     = 90
}

variable "admin_principal_arns" {
  description = "IAM roles given cluster-admin through EKS access entries."
  type        = list(string)
}

variable "node_instance_types" {
  description = "Instance types of the clinic's node group."
  type        = list(string)
  default     = ["m7i.large"]
}

variable "node_ami_type" {
  description = "EKS-optimised AMI family of the nodes."
  type        = string
  default     = "AL2023_x86_64_STANDARD"
}

variable "node_disk_size_gib" {
  description = "Root volume of each node."
  type        = number
  default     = 50
}

variable "node_min_size" {
  description = "Fewest nodes: one per zone, so a zone outage leaves silos running."
  type        = number
  default     = 3
}

variable "node_desired_size" {
  description = "Nodes at creation (the cluster autoscaler or Karpenter adjusts it later; Terraform ignores later changes)."
  type        = number
  default     = 3
}

variable "node_max_size" {
  description = "Most nodes."
  type        = number
  default     = 9
}
