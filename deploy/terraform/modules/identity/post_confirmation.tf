# docs/authentication.md: a new account is in no group, so its tokens are refused until the post-confirmation
# trigger puts it in "patient". Staff are put in their groups by an administrator.

data "archive_file" "post_confirmation" {
  type        = "zip"
  source_file = "${path.module}/post-confirmation/index.mjs"
  output_path = "${path.module}/.build/post-confirmation.zip"
}

resource "aws_cloudwatch_log_group" "post_confirmation" {
  name              = "/aws/lambda/${var.name}-cognito-post-confirmation"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_key_arn
}

data "aws_iam_policy_document" "post_confirmation_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "post_confirmation" {
  name               = "${var.name}-cognito-post-confirmation"
  assume_role_policy = data.aws_iam_policy_document.post_confirmation_trust.json
}

data "aws_iam_policy_document" "post_confirmation_logs" {
  statement {
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.post_confirmation.arn}:*"]
  }
}

resource "aws_iam_role_policy" "post_confirmation_logs" {
  name   = "write-own-logs"
  role   = aws_iam_role.post_confirmation.id
  policy = data.aws_iam_policy_document.post_confirmation_logs.json
}

# Only this action, only on this pool; attached after the pool exists (the pool names the function, so the
# function's role cannot name the pool before it is created).
data "aws_iam_policy_document" "post_confirmation_groups" {
  statement {
    effect    = "Allow"
    actions   = ["cognito-idp:AdminAddUserToGroup"]
    resources = [aws_cognito_user_pool.this.arn]
  }
}

resource "aws_iam_role_policy" "post_confirmation_groups" {
  name   = "add-new-users-to-patient"
  role   = aws_iam_role.post_confirmation.id
  policy = data.aws_iam_policy_document.post_confirmation_groups.json
}

resource "aws_lambda_function" "post_confirmation" {
  function_name    = "${var.name}-cognito-post-confirmation"
  role             = aws_iam_role.post_confirmation.arn
  runtime          = "nodejs20.x"
  handler          = "index.handler"
  filename         = data.archive_file.post_confirmation.output_path
  source_code_hash = data.archive_file.post_confirmation.output_base64sha256
  timeout          = 5
  memory_size      = 128

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.post_confirmation.name
  }

  environment {
    variables = { CLINIC_PATIENT_GROUP = "patient" }
  }
}

resource "aws_lambda_permission" "cognito" {
  statement_id  = "CognitoInvokesPostConfirmation"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.post_confirmation.function_name
  principal     = "cognito-idp.amazonaws.com"
  source_arn    = aws_cognito_user_pool.this.arn
}
