output "user_pool_id" {
  description = "Auth__Cognito__UserPoolId of the gateway."
  value       = aws_cognito_user_pool.this.id
}

output "user_pool_arn" {
  description = "The user pool."
  value       = aws_cognito_user_pool.this.arn
}

output "issuer" {
  description = "Issuer of the pool's tokens."
  value       = "https://${aws_cognito_user_pool.this.endpoint}"
}

output "patient_app_client_id" {
  description = "Auth__Cognito__AppClientId of the gateway."
  value       = aws_cognito_user_pool_client.patient_app.id
}

output "dashboard_client_id" {
  description = "The dashboard's hosted-UI client (code + PKCE)."
  value       = aws_cognito_user_pool_client.dashboard.id
}

output "hosted_ui_domain" {
  description = "The hosted UI's domain."
  value       = "${aws_cognito_user_pool_domain.this.domain}.auth.${data.aws_region.current.name}.amazoncognito.com"
}

output "groups" {
  description = "The clinic roles' groups."
  value       = sort(keys(aws_cognito_user_group.clinic))
}
