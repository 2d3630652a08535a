//! The serialisable views handed to templates; `QuarterView` is also `data.json`.
//! Views borrow the model and add only what was computed, so the two never disagree.

use crate::model::facts::{Direction, MetricFacts, QuarterFacts, RiskFacts};
use crate::model::money::json as money;
use crate::model::scalar::QuarterId;
use crate::model::types::*;
use serde::{Serialize, Serializer};

#[derive(Serialize)]
pub(crate) struct QuarterView<'a> {
    pub quarter: QuarterId,
    pub slug: String,
    pub status: QuarterStatus,
    pub board_meeting: String,
    pub headline: &'a str,
    pub summary: &'a str,
    pub summary_html: String,
    /// As maps: a string ask is `{type: discuss, text, about: []}`.
    pub asks: Vec<AskView<'a>>,
    pub currency: &'a str,
    /// The site's limit and tolerance, and each category's.
    pub appetite: &'a crate::model::appetite::Appetite,
    pub approved_by: Option<&'a SignOff>,
    pub previous_quarter: Option<QuarterId>,
    pub risks: Vec<RiskView<'a>>,
    pub top_risks: &'a [String],
    pub metrics: Vec<MetricView<'a>>,
    pub initiatives: &'a [Initiative],
    pub incidents: &'a [Incident],
    pub investments: Vec<InvestmentView<'a>>,
    /// The board's action log as it stands this quarter.
    pub actions: Vec<ActionView<'a>>,
    /// What the one-pager's "since the last meeting" says, as data; null on a first quarter.
    pub since_last: Option<&'a crate::model::since::SinceLast>,
    /// The policy exceptions (`exceptions/*.yaml`).
    pub exceptions: &'a [PolicyException],
    /// Every exception's standing, risk acceptances and policy exceptions alike: band, rule,
    /// term, effective `signed`, flags (left out when the quarter has none).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub exception_standing: &'a [crate::model::playbook::ExceptionFacts],
    /// The open risks with `loss`, added trial by trial; null without any.
    pub portfolio_loss: Option<PortfolioView<'a>>,
    /// Only for a published quarter: when it was published, and every change recorded since.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restatements: Option<&'a [crate::model::publish::record::Restatement]>,
}

#[derive(Serialize, Clone)]
pub(crate) struct RiskView<'a> {
    #[serde(flatten)]
    pub risk: &'a Risk,
    pub slug: String,
    /// Score, movement, band, appetite status, target and inherent scores…
    #[serde(flatten)]
    pub facts: &'a RiskFacts,
}

/// An ask, and for templates each id it is about with its kind and title.
#[derive(Serialize)]
pub(crate) struct AskView<'a> {
    #[serde(flatten)]
    pub ask: &'a Ask,
    pub about_items: Vec<AboutItem<'a>>,
}

/// An action of the log, with whether it is overdue at this quarter's meeting.
#[derive(Serialize)]
pub(crate) struct ActionView<'a> {
    #[serde(flatten)]
    pub action: &'a Action,
    pub overdue: bool,
}

/// What an ask is about: `kind` is `risk`, `investment`, `initiative`, `incident` or `action`.
#[derive(Serialize)]
pub(crate) struct AboutItem<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub title: &'a str,
}

/// The portfolio's figures in `data.json`, rounded as money is there (its curve is drawn in
/// `charts/loss.svg`, and how many risks it adds up is left out).
#[derive(Serialize, Clone)]
pub(crate) struct PortfolioView<'a> {
    #[serde(serialize_with = "cents")]
    pub expected_annual_loss: &'a f64,
    #[serde(serialize_with = "units")]
    pub loss_1_in_20: &'a f64,
    /// Each `loss_tolerance` point: `amount`, `tolerance` and the portfolio's `chance` (in %),
    /// `above`; left out without a loss tolerance.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub tolerance: &'a [crate::model::money::ToleranceCheck],
}

/// An investment ask with, on each option, what it avoids a year: the `Investment`'s names in
/// its order, `options` replaced.
#[derive(Serialize)]
pub(crate) struct InvestmentView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub ask: &'a str,
    pub reduces: &'a [String],
    pub recommended: &'a Tier,
    pub options: OptionsView<'a>,
}

#[derive(Serialize)]
pub(crate) struct OptionsView<'a> {
    pub good: OptionView<'a>,
    pub better: OptionView<'a>,
    pub best: OptionView<'a>,
}

impl<'a> OptionsView<'a> {
    pub(crate) fn get(&self, tier: Tier) -> &OptionView<'a> {
        match tier {
            Tier::Good => &self.good,
            Tier::Better => &self.better,
            Tier::Best => &self.best,
        }
    }
}

#[derive(Serialize)]
pub(crate) struct OptionView<'a> {
    #[serde(flatten)]
    pub option: &'a InvestmentOption,
    /// `loss_reduction` of the expected annual loss of the risks it reduces (the quarter's
    /// `avoided` fact), to the cent; only when the option has a `loss_reduction` and one of
    /// those risks has `loss`.
    #[serde(skip_serializing_if = "is_none", serialize_with = "cents_if_any")]
    pub avoided_loss: &'a Option<f64>,
}

/// A metric with its reading and its facts, borrowed: `data.json`'s published key order puts
/// the reading's `monthly` and `note` between the facts' `value` and `previous`, so the view
/// names each rather than flattening `MetricFacts`.
#[derive(Serialize)]
pub(crate) struct MetricView<'a> {
    #[serde(flatten)]
    pub metric: &'a Metric,
    pub value: &'a f64,
    pub monthly: &'a [f64],
    pub note: Option<&'a str>,
    pub previous: &'a Option<f64>,
    pub direction: &'a Direction,
    pub target_met: &'a Option<bool>,
    /// Each reading as `{quarter, value}`.
    #[serde(serialize_with = "history_points")]
    pub history: &'a [(QuarterId, f64)],
}

/// A metric's history as objects, `[{quarter, value}, …]`, rather than pairs.
fn history_points<S: Serializer>(history: &&[(QuarterId, f64)], s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct HistoryPoint<'a> {
        quarter: &'a QuarterId,
        value: &'a f64,
    }
    s.collect_seq(
        history
            .iter()
            .map(|(quarter, value)| HistoryPoint { quarter, value }),
    )
}

/// A figure the model always has, as `money::cents` writes it.
fn cents<S: Serializer>(v: &&f64, s: S) -> Result<S::Ok, S::Error> {
    money::cents(&Some(**v), s)
}

/// As `money::units` writes it.
fn units<S: Serializer>(v: &&f64, s: S) -> Result<S::Ok, S::Error> {
    money::units(&Some(**v), s)
}

fn cents_if_any<S: Serializer>(v: &&Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    money::cents(v, s)
}

fn is_none<T>(v: &&Option<T>) -> bool {
    v.is_none()
}

pub(crate) fn risk_slug(id: &str) -> String {
    id.to_ascii_lowercase()
}

pub(crate) fn risk_view<'a>(r: &'a Risk, f: &'a RiskFacts) -> RiskView<'a> {
    RiskView {
        risk: r,
        slug: risk_slug(&r.id),
        facts: f,
    }
}

fn ask_view<'a>(q: &'a Quarter, a: &'a Ask) -> AskView<'a> {
    let about_items = a
        .about
        .iter()
        .filter_map(|id| {
            let find = |kind, title: Option<&'a String>| {
                title.map(|t| AboutItem {
                    id: id.as_str(),
                    kind,
                    title: t.as_str(),
                })
            };
            find(
                "risk",
                q.risks.iter().find(|r| &r.id == id).map(|r| &r.title),
            )
            .or_else(|| {
                let v = q.investments.iter().find(|v| &v.id == id);
                find("investment", v.map(|v| &v.title))
            })
            .or_else(|| {
                let i = q.initiatives.iter().find(|i| &i.id == id);
                find("initiative", i.map(|i| &i.title))
            })
            .or_else(|| {
                let x = q.incidents.iter().find(|x| &x.id == id);
                find("incident", x.map(|x| &x.title))
            })
            .or_else(|| {
                let x = q.actions.iter().find(|x| &x.id == id);
                find("action", x.map(|x| &x.title))
            })
            .or_else(|| {
                let x = q.exceptions.iter().find(|x| &x.id == id);
                find("exception", x.map(|x| &x.title))
            })
        })
        .collect();
    AskView {
        ask: a,
        about_items,
    }
}

/// `avoided` is the quarter's fact for this investment (good, better, best); none without it.
fn investment_view<'a>(
    inv: &'a Investment,
    avoided: Option<&'a [Option<f64>; 3]>,
) -> InvestmentView<'a> {
    let [good, better, best] = avoided.map_or([&None; 3], |[g, b, t]| [g, b, t]);
    let option = |tier, avoided_loss| OptionView {
        option: inv.options.get(tier),
        avoided_loss,
    };
    InvestmentView {
        id: &inv.id,
        title: &inv.title,
        ask: &inv.ask,
        reduces: &inv.reduces,
        recommended: &inv.recommended,
        options: OptionsView {
            good: option(Tier::Good, good),
            better: option(Tier::Better, better),
            best: option(Tier::Best, best),
        },
    }
}

pub(crate) fn quarter_view<'a>(
    site: &'a Site,
    q: &'a Quarter,
    facts: &'a QuarterFacts,
    previous: Option<QuarterId>,
) -> QuarterView<'a> {
    QuarterView {
        quarter: q.quarter,
        slug: q.quarter.slug(),
        status: q.status,
        board_meeting: q.board_meeting.to_string(),
        headline: &q.headline,
        summary: &q.summary,
        summary_html: super::markdown::to_html(&q.summary, true),
        asks: q.asks.iter().map(|a| ask_view(q, a)).collect(),
        currency: &site.config.currency,
        appetite: &site.appetite,
        approved_by: q.approved_by.as_ref(),
        previous_quarter: previous,
        risks: q
            .risks
            .iter()
            .zip(&facts.risks)
            .map(|(r, f)| risk_view(r, f))
            .collect(),
        top_risks: &facts.top_risks,
        metrics: metric_views(site, q, facts),
        initiatives: &q.initiatives,
        incidents: &q.incidents,
        investments: q
            .investments
            .iter()
            .enumerate()
            .map(|(k, inv)| investment_view(inv, facts.avoided.get(k)))
            .collect(),
        actions: q
            .actions
            .iter()
            .map(|a| ActionView {
                action: a,
                overdue: crate::model::since::is_overdue(a, q.board_meeting),
            })
            .collect(),
        since_last: facts.since_last.as_ref(),
        exceptions: &q.exceptions,
        exception_standing: &facts.exceptions,
        portfolio_loss: facts.portfolio.as_ref().map(|p| PortfolioView {
            expected_annual_loss: &p.expected_annual_loss,
            loss_1_in_20: &p.loss_1_in_20,
            tolerance: &p.tolerance,
        }),
        published_on: q.published.as_ref().map(|p| p.published_on.to_string()),
        restatements: q.published.as_ref().map(|p| &p.restatements[..]),
    }
}

/// Each metric of `metrics.yaml` that has a reading in `q`, in that file's order.
pub(crate) fn metric_views<'a>(
    site: &'a Site,
    q: &'a Quarter,
    facts: &'a QuarterFacts,
) -> Vec<MetricView<'a>> {
    facts
        .metrics
        .iter()
        .filter_map(|f| {
            let m = site.metrics.iter().find(|m| m.id == f.id)?;
            let r = q.readings.iter().find(|r| r.metric == f.id)?;
            Some(metric_view(m, r, f))
        })
        .collect()
}

fn metric_view<'a>(m: &'a Metric, r: &'a Reading, f: &'a MetricFacts) -> MetricView<'a> {
    MetricView {
        metric: m,
        value: &f.value,
        monthly: &r.monthly,
        note: r.note.as_deref(),
        previous: &f.previous,
        direction: &f.direction,
        target_met: &f.target_met,
        history: &f.history,
    }
}

/// A chart as templates see it.
#[derive(Serialize)]
pub(crate) struct ChartView<'a> {
    pub name: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
    pub svg: &'a str,
    /// The chart's own file, relative to the page's folder; none for inline marks (sparklines).
    pub file: Option<String>,
}

impl<'a> From<&'a super::charts::Chart> for ChartView<'a> {
    fn from(c: &'a super::charts::Chart) -> Self {
        ChartView {
            name: &c.name,
            title: &c.title,
            desc: &c.desc,
            svg: &c.svg,
            file: Some(format!("charts/{}.svg", c.name)),
        }
    }
}

/// "How to read the scores": the matrix, bands, appetite and tolerance in force, for the
/// scale page and the board pack's section (`scale_section.html`).
#[derive(Serialize)]
pub(crate) struct ScaleView<'a> {
    /// Its levels (`impact`, `likelihood`), `has_loss`, `has_chance` and each cell's band.
    #[serde(flatten)]
    pub matrix: &'a crate::model::matrix::Matrix,
    /// Impact 5 first.
    pub grid: Vec<crate::model::matrix::GridRow<'a>>,
    /// The bands as score ranges, when a band follows from the score alone.
    pub score_bands: Option<Vec<BandRange>>,
    pub appetite: &'a crate::model::appetite::Appetite,
    /// Whether any category sets a limit or tolerance of its own.
    pub categories_own: bool,
    /// The acceptance rules, lowest band first.
    pub acceptance: Vec<AcceptanceRow>,
    /// The notification clocks, by key.
    pub reporting: Vec<&'a crate::model::playbook::Clock>,
}

#[derive(Serialize)]
pub(crate) struct AcceptanceRow {
    pub band: Band,
    /// `max_months` and `board`.
    #[serde(flatten)]
    pub rule: crate::model::playbook::Rule,
}

#[derive(Serialize)]
pub(crate) struct BandRange {
    pub band: Band,
    pub from: u8,
    pub to: u8,
}

pub(crate) fn scale_view(site: &Site) -> ScaleView<'_> {
    let m = &site.matrix;
    ScaleView {
        matrix: m,
        grid: m.grid(),
        score_bands: m.score_bands().map(|v| {
            v.into_iter()
                .map(|(band, from, to)| BandRange { band, from, to })
                .collect()
        }),
        appetite: &site.appetite,
        categories_own: categories_own(&site.appetite),
        acceptance: site
            .playbook
            .rules()
            .map(|(band, rule)| AcceptanceRow { band, rule })
            .collect(),
        reporting: site.playbook.clocks().collect(),
    }
}

/// Whether some category of `[categories]` sets a limit or tolerance of its own.
pub(crate) fn categories_own(appetite: &crate::model::appetite::Appetite) -> bool {
    appetite.categories.values().any(|c| c.own)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::{history, investment, metric, quarter, HIGH_MEDIUM_LOW};

    #[test]
    fn a_metric_view_writes_its_facts_in_data_jsons_order_and_its_history_as_objects() {
        let m = metric("m");
        let q = quarter("2026-Q2").reading("m", 6.5);
        let f = history(&m, &[("2026-Q1", 8.0), ("2026-Q2", 6.5)]);
        let json = serde_json::to_string(&metric_view(&m, &q.readings[0], &f)).unwrap();
        let facts = &json[json.find(r#""value":"#).unwrap()..];
        assert_eq!(
            facts,
            r#""value":6.5,"monthly":[],"note":null,"previous":null,"direction":"none","target_met":null,"history":[{"quarter":"2026-Q1","value":8.0},{"quarter":"2026-Q2","value":6.5}]}"#
        );
    }

    #[test]
    fn an_option_shows_what_it_avoids_only_when_the_quarter_has_the_fact() {
        let inv = investment("INV-1")
            .costs([1.0, 2.0, 3.0])
            .residuals(HIGH_MEDIUM_LOW);
        let avoided = [None, Some(1234.567), None];
        let shown = |v: &InvestmentView| {
            [Tier::Good, Tier::Better, Tier::Best].map(|t| {
                let json = serde_json::to_string(v.options.get(t)).unwrap();
                json.split_once(r#""avoided_loss":"#)
                    .map(|(_, n)| n.to_string())
            })
        };
        assert_eq!(
            shown(&investment_view(&inv, Some(&avoided))),
            [None, Some("1234.57}".to_string()), None]
        );
        assert_eq!(shown(&investment_view(&inv, None)), [None, None, None]);
    }
}
