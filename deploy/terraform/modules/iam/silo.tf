locals {
  archive_objects = "${var.archive_bucket_arn}/${var.archive_key_prefix}/*"

  # arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid> -> the topic and group ARNs of the same cluster.
  msk_cluster_path = join("/", slice(split("/", var.msk_cluster_arn), 1, 3))
  msk_topics       = "arn:${var.partition}:kafka:${var.region}:${var.account_id}:topic/${local.msk_cluster_path}/${var.kafka_topic_prefix}*"
  msk_groups       = "arn:${var.partition}:kafka:${var.region}:${var.account_id}:group/${local.msk_cluster_path}/*"
}

data "aws_iam_policy_document" "silo" {
  # docs/privacy-vault.md: wrap and unwrap patients' data keys, only with the patient's id as encryption context.
  statement {
    sid       = "WrapPatientDataKeys"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:Encrypt"]
    resources = [var.vault_key_arn]

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "kms:EncryptionContextKeys"
      values   = ["orleansclinic:patient"]
    }

    condition {
      test     = "Null"
      variable = "kms:EncryptionContext:orleansclinic:patient"
      values   = ["false"]
    }
  }

  # docs/archive-tiers.md: the tiering job writes and reads batches, the retention purge deletes them, cold batches
  # are restored; all under the store's prefix. The bucket policy denies deleting or replacing audit anchors.
  statement {
    sid       = "ListTheArchive"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [var.archive_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.archive_key_prefix}/*"]
    }
  }

  statement {
    sid    = "ReadWriteAndPurgeArchivedRecords"
    effect = "Allow"
    actions = [
      "s3:AbortMultipartUpload",
      "s3:DeleteObject",
      "s3:GetObject",
      "s3:PutObject",
      "s3:RestoreObject",
    ]
    resources = [local.archive_objects]
  }

  statement {
    sid       = "EncryptArchivedRecords"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.archive_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.region}.amazonaws.com"]
    }
  }

  # For the Secrets Store CSI driver, which reads with the pod's own role; with External Secrets (the default in
  # ARCHITECTURE.md) the operator's role reads instead and these two statements go unused.
  statement {
    sid       = "ReadOwnSecrets"
    effect    = "Allow"
    actions   = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"]
    resources = var.silo_secret_arns
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

  # Only with the SASL/IAM listener: publish (the outbox relay, idempotently) and consume (the stream provider).
  dynamic "statement" {
    for_each = var.msk_iam_auth_enabled ? [1] : []

    content {
      sid       = "ConnectToTheClinicCluster"
      effect    = "Allow"
      actions   = ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster", "kafka-cluster:WriteDataIdempotently"]
      resources = [var.msk_cluster_arn]
    }
  }

  dynamic "statement" {
    for_each = var.msk_iam_auth_enabled ? [1] : []

    content {
      sid       = "PublishAndConsumeClinicTopics"
      effect    = "Allow"
      actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData", "kafka-cluster:WriteData"]
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

resource "aws_iam_role_policy" "silo" {
  name   = "clinic-silo"
  role   = aws_iam_role.this["silo"].id
  policy = data.aws_iam_policy_document.silo.json
}
