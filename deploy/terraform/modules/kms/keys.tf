# One customer managed key per kind of data, so that a grant on one (the archive, say) opens nothing else, and each
# key's CloudTrail history tells one story. Every key rotates its material yearly; rotation keeps the key id, so
# nothing encrypted under it has to be rewrapped.

resource "aws_kms_key" "vault" {
  description             = "${var.name}: wraps the PII vault's per-patient data keys (users_pii_vault)"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_days
  policy                  = data.aws_iam_policy_document.vault.json
}

resource "aws_kms_alias" "vault" {
  name          = "alias/${var.name}/vault"
  target_key_id = aws_kms_key.vault.key_id
}

resource "aws_kms_key" "database" {
  description             = "${var.name}: RDS for PostgreSQL storage, snapshots and Performance Insights"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_days
  policy                  = data.aws_iam_policy_document.database.json
}

resource "aws_kms_alias" "database" {
  name          = "alias/${var.name}/database"
  target_key_id = aws_kms_key.database.key_id
}

resource "aws_kms_key" "messaging" {
  description             = "${var.name}: Amazon MSK storage and the cluster's SASL/SCRAM secret"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_days
  policy                  = data.aws_iam_policy_document.messaging.json
}

resource "aws_kms_alias" "messaging" {
  name          = "alias/${var.name}/messaging"
  target_key_id = aws_kms_key.messaging.key_id
}

resource "aws_kms_key" "archive" {
  description             = "${var.name}: the S3 archive (warm and cold tiers, audit anchors)"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_days
  policy                  = data.aws_iam_policy_document.archive.json
}

resource "aws_kms_alias" "archive" {
  name          = "alias/${var.name}/archive"
  target_key_id = aws_kms_key.archive.key_id
}

resource "aws_kms_key" "eks" {
  description             = "${var.name}: envelope encryption of Kubernetes secrets in the EKS control plane"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_days
  policy                  = data.aws_iam_policy_document.eks.json
}

resource "aws_kms_alias" "eks" {
  name          = "alias/${var.name}/eks"
  target_key_id = aws_kms_key.eks.key_id
}

resource "aws_kms_key" "logs" {
  description             = "${var.name}: CloudWatch log groups and the alarm topic"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_days
  policy                  = data.aws_iam_policy_document.logs.json
}

resource "aws_kms_alias" "logs" {
  name          = "alias/${var.name}/logs"
  target_key_id = aws_kms_key.logs.key_id
}

resource "aws_kms_key" "secrets" {
  description             = "${var.name}: Secrets Manager secrets (database credentials, provider keys)"
  enable_key_rotation     = true
  deletion_window_in_days = var.deletion_window_days
  policy                  = data.aws_iam_policy_document.secrets.json
}

resource "aws_kms_alias" "secrets" {
  name          = "alias/${var.name}/secrets"
  target_key_id = aws_kms_key.secrets.key_id
}
