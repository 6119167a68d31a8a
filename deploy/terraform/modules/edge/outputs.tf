output "certificate_arn" {
  description = "Validated ACM certificate (alb.ingress.kubernetes.io/certificate-arn)."
  value       = aws_acm_certificate_validation.this.certificate_arn
}

output "web_acl_arn" {
  description = "WAF web ACL (alb.ingress.kubernetes.io/wafv2-acl-arn)."
  value       = aws_wafv2_web_acl.this.arn
}

output "web_acl_name" {
  description = "WAF web ACL name (the WAF metrics' WebACL dimension)."
  value       = aws_wafv2_web_acl.this.name
}
