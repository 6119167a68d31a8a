// Cognito post-confirmation trigger: a patient who has just confirmed their sign-up joins the "patient" group, so
// that their access tokens carry the role the gateway requires (docs/authentication.md). Staff accounts are created
// by an administrator and never pass through here.
import { CognitoIdentityProviderClient, AdminAddUserToGroupCommand } from '@aws-sdk/client-cognito-identity-provider';

const cognito = new CognitoIdentityProviderClient({});
const group = process.env.CLINIC_PATIENT_GROUP ?? 'patient';

export const handler = async (event) => {
  // Only a confirmed sign-up: a confirmed forgotten-password reset must not change anyone's groups.
  if (event.triggerSource === 'PostConfirmation_ConfirmSignUp') {
    await cognito.send(new AdminAddUserToGroupCommand({
      UserPoolId: event.userPoolId,
      Username: event.userName,
      GroupName: group,
    }));
  }

  // Cognito expects the event back unchanged; the user's details are not logged.
  return event;
};
