//! Where to put a marker for states too small to appear in the 1:110m country shapes.
//!
//! Coordinates are the capitals' well-known positions, rounded by hand to a tenth of a degree (for an
//! island state the capital's island is where readers look for it). At the map's scale a tenth of a
//! degree is well under a pixel.

/// (ISO 3166-1 alpha-2, name, longitude, latitude) of the UN member and observer states, the Cook Islands
/// and Niue (members of UNESCO and WHO), Hong Kong and Macao that have no polygon in `countries-110m.json`.
pub(crate) const MICROSTATES: &[(&str, &str, f64, f64)] = &[
    ("AD", "Andorra", 1.5, 42.5),
    ("AG", "Antigua and Barbuda", -61.8, 17.1),
    ("BB", "Barbados", -59.6, 13.1),
    ("BH", "Bahrain", 50.6, 26.2),
    ("CK", "Cook Islands", -159.8, -21.2),
    ("CV", "Cabo Verde", -23.5, 14.9),
    ("DM", "Dominica", -61.4, 15.3),
    ("FM", "Micronesia", 158.2, 6.9),
    ("GD", "Grenada", -61.7, 12.1),
    ("HK", "Hong Kong", 114.2, 22.3),
    ("KI", "Kiribati", 173.0, 1.3),
    ("KM", "Comoros", 43.3, -11.7),
    ("KN", "Saint Kitts and Nevis", -62.7, 17.3),
    ("LC", "Saint Lucia", -61.0, 14.0),
    ("LI", "Liechtenstein", 9.5, 47.1),
    ("MC", "Monaco", 7.4, 43.7),
    ("MH", "Marshall Islands", 171.4, 7.1),
    ("MO", "Macao", 113.5, 22.2),
    ("MT", "Malta", 14.5, 35.9),
    ("MU", "Mauritius", 57.5, -20.2),
    ("MV", "Maldives", 73.5, 4.2),
    ("NR", "Nauru", 166.9, -0.5),
    ("NU", "Niue", -169.9, -19.1),
    ("PW", "Palau", 134.6, 7.5),
    ("SC", "Seychelles", 55.5, -4.6),
    ("SG", "Singapore", 103.8, 1.3),
    ("SM", "San Marino", 12.4, 43.9),
    ("ST", "São Tomé and Príncipe", 6.7, 0.3),
    ("TO", "Tonga", -175.2, -21.1),
    ("TV", "Tuvalu", 179.2, -8.5),
    ("VA", "Holy See", 12.5, 41.9),
    ("VC", "Saint Vincent and the Grenadines", -61.2, 13.2),
    ("WS", "Samoa", -171.8, -13.8),
];
