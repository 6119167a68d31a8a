provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Application = "orleans-clinic"
      Environment = var.environment
      ManagedBy   = "terraform"
    }
  }
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# The role Terraform runs as (not its session), made a key and cluster administrator by default.
data "aws_iam_session_context" "current" {
  arn = data.aws_caller_identity.current.arn
}
