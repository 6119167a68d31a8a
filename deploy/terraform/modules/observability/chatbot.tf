# Optional: alarms in Slack or Teams through AWS Chatbot. The channel's role can read CloudWatch (to render alarm
# details and graphs) and nothing else; the guardrail caps it the same way whatever the role is given later.

locals {
  slack_enabled = var.chatbot.slack_workspace_id != null && var.chatbot.slack_channel_id != null
  teams_enabled = var.chatbot.teams_tenant_id != null && var.chatbot.teams_team_id != null && var.chatbot.teams_channel_id != null
  chatbot_on    = local.slack_enabled || local.teams_enabled
  read_only     = "arn:${data.aws_partition.current.partition}:iam::aws:policy/CloudWatchReadOnlyAccess"
}

data "aws_partition" "current" {}

data "aws_iam_policy_document" "chatbot_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["chatbot.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "chatbot" {
  count = local.chatbot_on ? 1 : 0

  name               = "${var.name}-chatbot"
  assume_role_policy = data.aws_iam_policy_document.chatbot_trust.json
}

resource "aws_iam_role_policy_attachment" "chatbot" {
  count = local.chatbot_on ? 1 : 0

  role       = aws_iam_role.chatbot[0].name
  policy_arn = local.read_only
}

resource "aws_chatbot_slack_channel_configuration" "alarms" {
  count = local.slack_enabled ? 1 : 0

  configuration_name    = "${var.name}-alarms"
  iam_role_arn          = aws_iam_role.chatbot[0].arn
  slack_team_id         = var.chatbot.slack_workspace_id
  slack_channel_id      = var.chatbot.slack_channel_id
  sns_topic_arns        = [aws_sns_topic.alarms.arn]
  guardrail_policy_arns = [local.read_only]
  logging_level         = "ERROR"
}

resource "aws_chatbot_teams_channel_configuration" "alarms" {
  count = local.teams_enabled ? 1 : 0

  configuration_name    = "${var.name}-alarms"
  iam_role_arn          = aws_iam_role.chatbot[0].arn
  tenant_id             = var.chatbot.teams_tenant_id
  team_id               = var.chatbot.teams_team_id
  channel_id            = var.chatbot.teams_channel_id
  sns_topic_arns        = [aws_sns_topic.alarms.arn]
  guardrail_policy_arns = [local.read_only]
  logging_level         = "ERROR"
}
