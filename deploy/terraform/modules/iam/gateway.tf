# The gateway calls Cognito's public sign-up and sign-in API, which needs no AWS credentials
# (docs/authentication.md: it holds no admin rights on the pool), so this role has no Cognito permission at all.

data "aws_iam_policy_document" "gateway" {
  # For the Secrets Store CSI driver, which reads with the pod's own role; with External Secrets (the default in
  # ARCHITECTURE.md) the operator's role reads instead and these two statements go unused.
  statement {
    sid       = "ReadOwnSecrets"
    effect    = "Allow"
    actions   = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"]
    resources = var.gateway_secret_arns
  }

  statement {
    sid       = "DecryptOwnSecrets"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = var.secrets_key_arns

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${var.region}.amazonaws.com"]
    }
  }

  # Only with the SASL/IAM listener: the gateway's SSE hub subscribes to the clinic's streams; it never publishes.
  dynamic "statement" {
    for_each = var.msk_iam_auth_enabled ? [1] : []

    content {
      sid       = "ConnectToTheClinicCluster"
      effect    = "Allow"
      actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"]
      resources = [var.msk_cluster_arn]
    }
  }

  dynamic "statement" {
    for_each = var.msk_iam_auth_enabled ? [1] : []

    content {
      sid       = "ConsumeClinicTopics"
      effect    = "Allow"
      actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
      resources = [local.msk_topics]
    }
  }

  dynamic "statement" {
    for_each = var.msk_iam_auth_enabled ? [1] : []

    content {
      sid       = "CommitStreamOffsets"
      effect    = "Allow"
      actions   = ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
      resources = [local.msk_groups]
    }
  }
}

resource "aws_iam_role_policy" "gateway" {
  name   = "clinic-gateway"
  role   = aws_iam_role.this["gateway"].id
  policy = data.aws_iam_policy_document.gateway.json
}
