using MudBlazor;

namespace DxTracker.Web.Components.Mud;

/// <summary>
/// MudBlazor themed with the デジタル庁デザインシステム (DADS) tokens: DADS blue (#0017C1), its greys, Noto Sans JP at
/// 16px/1.7, 8px corners and buttons in sentence case. Labels above fields and the 必須 badge are in Styles/app.css.
/// </summary>
public static class DxTheme
{
    private static readonly string[] Font = ["Noto Sans JP", "Hiragino Sans", "Meiryo", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0017C1",
            PrimaryDarken = "#00118F",
            PrimaryLighten = "#3460FB",
            Secondary = "#1A1A1A",
            Tertiary = "#00118F",
            Info = "#0017C1",
            Success = "#197A4B",
            Warning = "#B78F00",
            WarningContrastText = "#1A1A1A",
            Error = "#CE0000",
            Dark = "#333333",
            TextPrimary = "#1A1A1A",
            TextSecondary = "#4D4D4D",
            TextDisabled = "#767676",
            ActionDefault = "#333333",
            Background = "#FFFFFF",
            BackgroundGray = "#F2F2F2",
            Surface = "#FFFFFF",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#1A1A1A",
            DrawerBackground = "#F2F2F2",
            DrawerText = "#1A1A1A",
            DrawerIcon = "#333333",
            LinesDefault = "#CCCCCC",
            LinesInputs = "#666666",
            TableLines = "#CCCCCC",
            TableHover = "#E8F1FE",
            Divider = "#CCCCCC",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Font, FontSize = "1rem", LineHeight = "1.7", LetterSpacing = "0.02em" },
            H1 = new H1Typography { FontFamily = Font, FontSize = "1.75rem", FontWeight = "700", LineHeight = "1.5", LetterSpacing = "0.01em" },
            H2 = new H2Typography { FontFamily = Font, FontSize = "1.375rem", FontWeight = "700", LineHeight = "1.5", LetterSpacing = "0.01em" },
            H3 = new H3Typography { FontFamily = Font, FontSize = "1.125rem", FontWeight = "700", LineHeight = "1.6", LetterSpacing = "0.01em" },
            H4 = new H4Typography { FontFamily = Font, FontSize = "1.0625rem", FontWeight = "700", LineHeight = "1.7", LetterSpacing = "0.01em" },
            H5 = new H5Typography { FontFamily = Font, FontSize = "1rem", FontWeight = "700", LineHeight = "1.7", LetterSpacing = "0.02em" },
            H6 = new H6Typography { FontFamily = Font, FontSize = "1rem", FontWeight = "700", LineHeight = "1.7", LetterSpacing = "0.02em" },
            Subtitle1 = new Subtitle1Typography { FontFamily = Font, FontSize = "1rem", FontWeight = "700", LineHeight = "1.7" },
            Subtitle2 = new Subtitle2Typography { FontFamily = Font, FontSize = "0.875rem", FontWeight = "700", LineHeight = "1.5" },
            Body1 = new Body1Typography { FontFamily = Font, FontSize = "1rem", LineHeight = "1.7", LetterSpacing = "0.02em" },
            Body2 = new Body2Typography { FontFamily = Font, FontSize = "0.875rem", LineHeight = "1.5", LetterSpacing = "0.02em" },
            Button = new ButtonTypography { FontFamily = Font, FontSize = "1rem", FontWeight = "700", LineHeight = "1", TextTransform = "none", LetterSpacing = "0.02em" },
            Caption = new CaptionTypography { FontFamily = Font, FontSize = "0.875rem", LineHeight = "1.5" },
            Overline = new OverlineTypography { FontFamily = Font, FontSize = "0.875rem", LineHeight = "1.5", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", AppbarHeight = "64px", DrawerWidthLeft = "248px" },
    };
}
