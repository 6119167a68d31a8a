# The patient app (and, for now, the dashboard's password form) signs in through the gateway with USER_PASSWORD_AUTH;
# SRP is allowed for a native app that signs in directly. A public client: no secret, which an app cannot keep.
# This is Auth:Cognito:AppClientId of the gateway.
resource "aws_cognito_user_pool_client" "patient_app" {
  name            = "${var.name}-patient-app"
  user_pool_id    = aws_cognito_user_pool.this.id
  generate_secret = false

  explicit_auth_flows = [
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
  ]

  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 30

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }

  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
  read_attributes               = ["email", "email_verified"]
  write_attributes              = ["email"]
}

# The staff dashboard through the hosted UI: authorization code with PKCE (a public client, so no secret), which
# also carries the TOTP step for staff with MFA. The gateway accepts one app client id today, so tokens of this
# client are refused until it accepts this one too (README: "Not wired yet").
resource "aws_cognito_user_pool_client" "dashboard" {
  name            = "${var.name}-dashboard"
  user_pool_id    = aws_cognito_user_pool.this.id
  generate_secret = false

  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = var.dashboard_callback_urls
  logout_urls                          = var.dashboard_logout_urls

  explicit_auth_flows = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
  ]

  access_token_validity  = 60
  id_token_validity      = 60
  refresh_token_validity = 12

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "hours"
  }

  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
}
