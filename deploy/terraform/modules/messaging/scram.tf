# The clinic's SASL/SCRAM credentials. MSK requires the name prefix AmazonMSK_ and a customer managed key. The
# password is generated here, so it sits in Terraform's state (keep the state bucket encrypted and its access narrow);
# rotate it by putting a new version in the secret, which Terraform then leaves alone.

resource "random_password" "scram" {
  length  = 40
  special = false
}

resource "aws_secretsmanager_secret" "scram" {
  name        = "AmazonMSK_${var.name}-${var.scram_username}"
  description = "SASL/SCRAM credentials of the clinic on MSK ${var.name} (Kafka__SaslUsername, Kafka__SaslPassword)"
  kms_key_id  = var.storage_key_arn
}

resource "aws_secretsmanager_secret_version" "scram" {
  secret_id     = aws_secretsmanager_secret.scram.id
  secret_string = jsonencode({ username = var.scram_username, password = random_password.scram.result })

  lifecycle {
    ignore_changes = [secret_string]
  }
}

# MSK reads the secret on association; stated here because MSK would otherwise attach it out of band and every plan
# would show it as drift.
data "aws_iam_policy_document" "scram" {
  statement {
    sid       = "AWSKafkaResourcePolicy"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [aws_secretsmanager_secret.scram.arn]

    principals {
      type        = "Service"
      identifiers = ["kafka.amazonaws.com"]
    }
  }
}

resource "aws_secretsmanager_secret_policy" "scram" {
  secret_arn = aws_secretsmanager_secret.scram.arn
  policy     = data.aws_iam_policy_document.scram.json
}

resource "aws_msk_scram_secret_association" "this" {
  cluster_arn     = aws_msk_cluster.this.arn
  secret_arn_list = [aws_secretsmanager_secret.scram.arn]

  depends_on = [aws_secretsmanager_secret_version.scram, aws_secretsmanager_secret_policy.scram]
}
