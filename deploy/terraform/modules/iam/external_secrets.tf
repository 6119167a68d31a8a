# The External Secrets Operator syncs the clinic's secrets (and only those) into Kubernetes secrets; the pods then
# read environment variables and need no AWS access for configuration (ARCHITECTURE.md).

data "aws_iam_policy_document" "external_secrets" {
  statement {
    sid    = "ReadClinicSecrets"
    effect = "Allow"
    actions = [
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetSecretValue",
      "secretsmanager:ListSecretVersionIds",
    ]
    resources = var.external_secrets_secret_arns
  }

  statement {
    sid       = "DecryptClinicSecrets"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = var.secrets_key_arns

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${var.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "external_secrets" {
  name   = "sync-clinic-secrets"
  role   = aws_iam_role.this["external_secrets"].id
  policy = data.aws_iam_policy_document.external_secrets.json
}
