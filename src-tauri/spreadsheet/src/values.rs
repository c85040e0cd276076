//! Reading one cell's value the way a Korean office writes it: money with thousands
//! separators or 억/만 units, counts with 명, dates in half a dozen spellings or as Excel
//! serial numbers. Never a guess: a value that cannot be read exactly is a problem to
//! show, not a number to store.

use chrono::NaiveDate;

use crate::read::Cell;

/// Why a value was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueProblem {
    /// Unreadable or approximate ("약 5억", "많음"): the row is kept without this value.
    Unreadable,
    /// A date that names no day (2023.02.30, 2023-13-01): the row is refused.
    ImpossibleDate,
    /// A negative amount or count.
    Negative,
}

/// An amount in whole won. `unit_won` is the header's unit (1 for 원, 1,000 for 천원,
/// 1,000,000 for 백만원); a value that names its own units (12억, 3억 5천만) is in won.
pub fn money(cell: &Cell, unit_won: i64) -> Result<Option<i64>, ValueProblem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => scaled(*n, unit_won).map(Some),
        Cell::Date(_) | Cell::TooLong(_) => Err(ValueProblem::Unreadable),
        Cell::Text(text) => {
            let cleaned: String =
                text.chars().filter(|c| !c.is_whitespace() && *c != ',' && *c != '₩').collect::<String>();
            let cleaned = cleaned.strip_suffix('원').unwrap_or(&cleaned);
            if cleaned.is_empty() {
                return Ok(None);
            }
            if cleaned.starts_with('-') {
                return Err(ValueProblem::Negative);
            }
            if cleaned.chars().all(|c| c.is_ascii_digit() || c == '.') {
                let n: f64 = cleaned.parse().map_err(|_| ValueProblem::Unreadable)?;
                return scaled(n, unit_won).map(Some);
            }
            korean_amount(cleaned).map(Some).ok_or(ValueProblem::Unreadable)
        }
    }
}

fn scaled(n: f64, unit_won: i64) -> Result<i64, ValueProblem> {
    if n < 0.0 {
        return Err(ValueProblem::Negative);
    }
    let won = n * unit_won as f64;
    if !won.is_finite() || won > 9.0e15 {
        return Err(ValueProblem::Unreadable);
    }
    Ok(won.round() as i64)
}

/// "3억 5천만" → 350,000,000; "12억" → 1,200,000,000; "5천" → 5,000. Digits (with a
/// decimal point: "1.5억") and the units 조, 억, 만 and 천, 백, 십 only; anything else
/// (약, 이상, 정도) makes the amount unreadable.
fn korean_amount(text: &str) -> Option<i64> {
    let mut total: f64 = 0.0;
    let mut group: f64 = 0.0;
    let mut number = String::new();
    let mut saw_unit = false;
    // The last of 조/억/만 seen: after 억, "5천" alone may mean 5천만 (as offices
    // usually mean it) or 5,000; such an amount is not read at all.
    let mut last_big = 0.0;
    for c in text.chars() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let current: Option<f64> = if number.is_empty() { None } else { Some(number.parse().ok()?) };
        number.clear();
        match c {
            '천' | '백' | '십' => {
                let small = match c {
                    '천' => 1_000.0,
                    '백' => 100.0,
                    _ => 10.0,
                };
                group += current.unwrap_or(1.0) * small;
            }
            '조' | '억' | '만' => {
                let big = match c {
                    '조' => 1e12,
                    '억' => 1e8,
                    _ => 1e4,
                };
                let value = group + current.unwrap_or(if group == 0.0 { 1.0 } else { 0.0 });
                total += value * big;
                group = 0.0;
                last_big = big;
            }
            _ => return None,
        }
        saw_unit = true;
    }
    if !number.is_empty() {
        group += number.parse::<f64>().ok()?;
    }
    if group > 0.0 && last_big > 1e4 {
        return None;
    }
    total += group;
    (saw_unit && total.is_finite() && total <= 9.0e15).then(|| total.round() as i64)
}

/// A head count: a number, or text such as "1,234" or "45명".
pub fn count(cell: &Cell) -> Result<Option<i64>, ValueProblem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if *n < 0.0 => Err(ValueProblem::Negative),
        Cell::Number(n) if n.fract() == 0.0 && *n < 1e9 => Ok(Some(*n as i64)),
        Cell::Text(text) => {
            let cleaned: String = text.chars().filter(|c| !c.is_whitespace() && *c != ',').collect();
            let cleaned = cleaned.strip_suffix('명').unwrap_or(&cleaned);
            if cleaned.is_empty() {
                return Ok(None);
            }
            if cleaned.starts_with('-') {
                return Err(ValueProblem::Negative);
            }
            cleaned.parse::<i64>().map(Some).map_err(|_| ValueProblem::Unreadable)
        }
        _ => Err(ValueProblem::Unreadable),
    }
}

/// The Excel serial numbers taken as dates: 1950-01-01 to 2100-12-31. A number outside
/// (a year typed alone, 2019, would be 1905-07-11) is not a date anyone meant.
const SERIALS: std::ops::RangeInclusive<f64> = 18_264.0..=73_415.0;

/// A date: a real date cell, an Excel serial number (45122 → 2023-07-15), or text as
/// 2023.05.12, 2023-05-12, 2023/5/12, 23.5.12, 2023. 5. 12., 2023년 5월 12일 or 20230512.
pub fn date(cell: &Cell) -> Result<Option<NaiveDate>, ValueProblem> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) => serial(*n).map(Some),
        Cell::Text(text) => date_text(text.trim()),
        Cell::TooLong(_) => Err(ValueProblem::Unreadable),
    }
}

fn serial(n: f64) -> Result<NaiveDate, ValueProblem> {
    if n.fract() != 0.0 || !SERIALS.contains(&n) {
        return Err(ValueProblem::Unreadable);
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or(ValueProblem::Unreadable)?;
    epoch.checked_add_days(chrono::Days::new(n as u64)).ok_or(ValueProblem::Unreadable)
}

fn date_text(text: &str) -> Result<Option<NaiveDate>, ValueProblem> {
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().all(|c| c.is_ascii_digit()) {
        return match text.len() {
            8 => ymd(&text[..4], &text[4..6], &text[6..]),
            // yymmdd; 201903 (a year and a month) is no day and is not guessed at.
            6 => ymd(&text[..2], &text[2..4], &text[4..]).map_err(|_| ValueProblem::Unreadable),
            // A serial number that lost its number format (typed as text).
            5 => text.parse::<f64>().map_err(|_| ValueProblem::Unreadable).and_then(serial).map(Some),
            _ => Err(ValueProblem::Unreadable),
        };
    }
    let parts: Vec<&str> = text
        .split(|c: char| matches!(c, '.' | '-' | '/' | '년' | '월' | '일') || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return Err(ValueProblem::Unreadable);
    }
    ymd(parts[0], parts[1], parts[2])
}

fn ymd(y: &str, m: &str, d: &str) -> Result<Option<NaiveDate>, ValueProblem> {
    let (Ok(mut year), Ok(month), Ok(day)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(ValueProblem::Unreadable);
    };
    match y.len() {
        // Two-digit years: 23 is 2023, 98 is 1998 (members joined from the 1960s on).
        2 => year += if year < 70 { 2000 } else { 1900 },
        4 => {}
        _ => return Err(ValueProblem::Unreadable),
    }
    NaiveDate::from_ymd_opt(year, month, day).map(Some).ok_or(ValueProblem::ImpossibleDate)
}

/// A business registration number as typed or stored as a number (Excel drops the
/// dashes, and a leading zero, when the cell is numeric).
pub fn registration_number(cell: &Cell) -> String {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e10 => format!("{:010}", *n as i64),
        other => other.text(),
    }
}

/// A phone number. Typed into a number cell, it lost its leading 0 (010…, 032…): Korean
/// numbers of 9 to 11 digits all start with one, so it is put back.
pub fn phone(cell: &Cell) -> String {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && (1e8..1e10).contains(n) => format!("0{}", *n as i64),
        other => other.text(),
    }
}

/// A comma- or line-separated keyword list (a slash stays: "CNC/MCT" is one item).
pub fn keywords(cell: &Cell) -> Vec<String> {
    cell.text().split([',', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn money_with_separators_units_and_header_units() {
        assert_eq!(money(&text("1,250"), 1_000_000), Ok(Some(1_250_000_000)));
        assert_eq!(money(&Cell::Number(3980.0), 1_000), Ok(Some(3_980_000)));
        assert_eq!(money(&text("3억 5천만"), 1), Ok(Some(350_000_000)));
        assert_eq!(money(&text("3억 5천만원"), 1_000_000), Ok(Some(350_000_000)), "its own units win");
        assert_eq!(money(&text("12억"), 1), Ok(Some(1_200_000_000)));
        assert_eq!(money(&text("1.5억"), 1), Ok(Some(150_000_000)));
        assert_eq!(money(&text("5천만"), 1), Ok(Some(50_000_000)));
        assert_eq!(money(&text("₩ 12,000,000"), 1), Ok(Some(12_000_000)));
        assert_eq!(money(&text("약 5억"), 1), Err(ValueProblem::Unreadable));
        assert_eq!(money(&text("5억 이상"), 1), Err(ValueProblem::Unreadable));
        assert_eq!(money(&text("3억5천"), 1), Err(ValueProblem::Unreadable), "5천만 or 5,000?");
        assert_eq!(money(&text("1억 500"), 1), Err(ValueProblem::Unreadable));
        assert_eq!(money(&text("3만 5천"), 1), Ok(Some(35_000)));
        assert_eq!(money(&text("-300"), 1), Err(ValueProblem::Negative));
        assert_eq!(money(&Cell::Empty, 1), Ok(None));
    }

    #[test]
    fn counts() {
        assert_eq!(count(&Cell::Number(45.0)), Ok(Some(45)));
        assert_eq!(count(&text("1,234명")), Ok(Some(1234)));
        assert_eq!(count(&text("많음")), Err(ValueProblem::Unreadable));
        assert_eq!(count(&Cell::Number(4.5)), Err(ValueProblem::Unreadable));
    }

    #[test]
    fn dates_in_the_spellings_offices_use() {
        let d = |y, m, d| Ok(Some(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        assert_eq!(date(&text("2023.05.12")), d(2023, 5, 12));
        assert_eq!(date(&text("2023-05-12")), d(2023, 5, 12));
        assert_eq!(date(&text("2023/5/12")), d(2023, 5, 12));
        assert_eq!(date(&text("23.5.12")), d(2023, 5, 12));
        assert_eq!(date(&text("2022. 7. 1.")), d(2022, 7, 1));
        assert_eq!(date(&text("2023년 5월 12일")), d(2023, 5, 12));
        assert_eq!(date(&text("20230512")), d(2023, 5, 12));
        assert_eq!(date(&Cell::Number(45122.0)), d(2023, 7, 15));
        assert_eq!(date(&text("45122")), d(2023, 7, 15));
        assert_eq!(date(&text("98.3.1")), d(1998, 3, 1));
    }

    #[test]
    fn an_impossible_date_never_rolls_over() {
        assert_eq!(date(&text("2023.02.30")), Err(ValueProblem::ImpossibleDate));
        assert_eq!(date(&text("2023-13-01")), Err(ValueProblem::ImpossibleDate));
        assert_eq!(date(&text("2023.04.31")), Err(ValueProblem::ImpossibleDate));
        assert_eq!(date(&text("작년 봄")), Err(ValueProblem::Unreadable));
        assert_eq!(date(&Cell::Number(45122.5)), Err(ValueProblem::Unreadable));
        assert_eq!(date(&Cell::Number(2019.0)), Err(ValueProblem::Unreadable), "a year is not a day");
        assert_eq!(date(&text("2019")), Err(ValueProblem::Unreadable));
        assert_eq!(date(&text("201903")), Err(ValueProblem::Unreadable));
        assert_eq!(date(&text("230512")), Ok(NaiveDate::from_ymd_opt(2023, 5, 12)));
    }

    #[test]
    fn phone_numbers_typed_into_number_cells_get_their_zero_back() {
        assert_eq!(phone(&Cell::Number(1012345678.0)), "01012345678");
        assert_eq!(phone(&Cell::Number(328123456.0)), "0328123456");
        assert_eq!(phone(&text("032-812-3456")), "032-812-3456");
    }

    #[test]
    fn registration_numbers_stored_as_numbers_keep_their_digits() {
        assert_eq!(registration_number(&Cell::Number(1228133095.0)), "1228133095");
        assert_eq!(registration_number(&text("122-81-33095")), "122-81-33095");
    }
}
