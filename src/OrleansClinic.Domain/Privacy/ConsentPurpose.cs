namespace OrleansClinic.Domain.Privacy;

/// <summary>What a patient may consent to, one purpose at a time.</summary>
public enum ConsentPurpose
{
    /// <summary>Appointment reminders by SMS (<c>sms_reminders</c>).</summary>
    SmsReminders,

    /// <summary>Appointment reminders by email (<c>email_reminders</c>).</summary>
    EmailReminders,

    /// <summary>Uploading clinical documents to My Health Record (<c>mhr_upload</c>).</summary>
    MhrUpload,

    /// <summary>Use of de-identified data for research (<c>research</c>).</summary>
    Research,

    /// <summary>Being contacted about other services (<c>marketing</c>).</summary>
    Marketing,
}
