using System.ComponentModel.DataAnnotations;

namespace MetaNode.Dashboard.Components.Account;

/// <summary>The sign-in form.</summary>
public sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your user name.")]
    [StringLength(256)]
    public string UserName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(256)]
    public string Password { get; set; } = string.Empty;
}

/// <summary>A new password, typed twice (setup, change password).</summary>
public class NewPasswordInput
{
    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(256)]
    public string NewPassword { get; set; } = string.Empty;

    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = string.Empty;
}

/// <summary>The first Admin's account.</summary>
public sealed class SetupInput : NewPasswordInput
{
    [Required(ErrorMessage = "Choose a user name.")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._@+-]{1,63}$", ErrorMessage = "Use 2-64 letters, digits or . _ @ + -, starting with a letter or digit.")]
    public string UserName { get; set; } = string.Empty;
}

/// <summary>Changing one's own password.</summary>
public sealed class ChangePasswordInput : NewPasswordInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    [StringLength(256)]
    public string CurrentPassword { get; set; } = string.Empty;
}
