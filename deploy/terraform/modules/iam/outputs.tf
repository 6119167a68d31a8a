output "role_arns" {
  description = "IRSA role of each service account (eks.amazonaws.com/role-arn annotations)."
  value       = { for k, r in aws_iam_role.this : k => r.arn }
}
