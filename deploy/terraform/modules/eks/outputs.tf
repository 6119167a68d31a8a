output "cluster_name" {
  description = "The EKS cluster's name."
  value       = aws_eks_cluster.this.name
}

output "cluster_endpoint" {
  description = "The Kubernetes API endpoint."
  value       = aws_eks_cluster.this.endpoint
}

output "cluster_certificate_authority" {
  description = "Base64 CA bundle of the API endpoint."
  value       = aws_eks_cluster.this.certificate_authority[0].data
}

output "cluster_security_group_id" {
  description = "Security group EKS puts on the control plane and the managed nodes (and so on every pod without a security group of its own)."
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

output "oidc_provider_arn" {
  description = "IAM OIDC provider of the cluster, trusted by the IRSA roles."
  value       = aws_iam_openid_connect_provider.this.arn
}

output "oidc_issuer" {
  description = "The cluster's OIDC issuer URL."
  value       = aws_eks_cluster.this.identity[0].oidc[0].issuer
}

output "node_autoscaling_group_name" {
  description = "Auto Scaling group of the managed node group, for the node CPU alarm."
  value       = aws_eks_node_group.clinic.resources[0].autoscaling_groups[0].name
}
