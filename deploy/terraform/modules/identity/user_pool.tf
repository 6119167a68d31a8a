locals {
  # The clinic's roles (gateway/OrleansClinic.Gateway/Auth/ClinicRoles.cs): a token's cognito:groups must hold one.
  # Precedence orders the groups when a user is in several (lowest wins for role-based IAM, unused here).
  clinic_groups = {
    admin            = { precedence = 1, description = "Administers the system" }
    practice_manager = { precedence = 2, description = "Runs the practice" }
    doctor           = { precedence = 3, description = "A doctor; their id is the token's subject" }
    receptionist     = { precedence = 4, description = "Front-desk staff" }
    patient          = { precedence = 10, description = "A patient acting for themself (added on confirmation)" }
  }
}

resource "aws_cognito_user_pool" "this" {
  name                = var.name
  deletion_protection = "ACTIVE"

  # Email is the username and is verified by a code (docs/authentication.md).
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]

  username_configuration {
    case_sensitive = false
  }

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 3
  }

  # Optional, not required: the gateway's sign-in (USER_PASSWORD_AUTH) cannot relay an MFA challenge yet and answers
  # 403 sign-in-challenge, so requiring MFA pool-wide would lock patients out. Staff get TOTP per user when their
  # account is created (README: "Staff MFA"); threat protection asks for MFA on risky sign-ins.
  mfa_configuration = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }

  # Threat protection (adaptive authentication, compromised-credential checks) needs the Plus feature plan.
  user_pool_tier = "PLUS"

  user_pool_add_ons {
    advanced_security_mode = "ENFORCED"
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = false
  }

  email_configuration {
    email_sending_account = var.ses_email_identity_arn == null ? "COGNITO_DEFAULT" : "DEVELOPER"
    source_arn            = var.ses_email_identity_arn
    from_email_address    = var.from_email_address
  }

  verification_message_template {
    default_email_option = "CONFIRM_WITH_CODE"
  }

  lambda_config {
    post_confirmation = aws_lambda_function.post_confirmation.arn
  }
}

resource "aws_cognito_user_group" "clinic" {
  for_each = local.clinic_groups

  user_pool_id = aws_cognito_user_pool.this.id
  name         = each.key
  description  = each.value.description
  precedence   = each.value.precedence
}

resource "aws_cognito_user_pool_domain" "this" {
  domain       = var.hosted_ui_domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id
}
