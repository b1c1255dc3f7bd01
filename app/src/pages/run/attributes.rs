//! `…/{run_id}/search-attributes` and `…/{run_id}/memo` (the Temporal UI's URLs): every search
//! attribute with its type and decoded value, custom ones apart from those Temporal and the SDKs
//! set, times in the chosen zone; and the memo's fields, decoded.
use leptos::prelude::*;

use super::{
    loader::{RunRoute, RunTabLoader},
    tabs::{RunHeaderView, RunTab},
};
use crate::{
    api::{load_memo, load_search_attributes},
    components::{PageTitle, PayloadBlock, TimeText},
    error::AppError,
};
use model::{AttributeView, MemoPage, SearchAttributesPage};

#[component]
pub fn SearchAttributesTabPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::SearchAttributes load=load_attributes render=attributes_view /> }
}

#[component]
pub fn MemoTabPage() -> impl IntoView {
    view! { <RunTabLoader tab=RunTab::Memo load=load_memo_tab render=memo_view /> }
}

fn load_attributes(route: RunRoute) -> impl std::future::Future<Output = Result<SearchAttributesPage, AppError>> {
    load_search_attributes(route.namespace, route.workflow_id, route.run_id)
}

fn load_memo_tab(route: RunRoute) -> impl std::future::Future<Output = Result<MemoPage, AppError>> {
    load_memo(route.namespace, route.workflow_id, route.run_id)
}

fn attributes_view(page: SearchAttributesPage) -> impl IntoView {
    let SearchAttributesPage { header, custom, system } = page;
    let title = format!("{} · search attributes", header.workflow_id);
    view! {
        <PageTitle text=title />
        <RunHeaderView header active=RunTab::SearchAttributes />
        <section class="panel" aria-labelledby="custom-attributes">
            <h2 id="custom-attributes">"Custom"</h2>
            <AttributeTable attributes=custom empty="No custom search attributes on this run." />
        </section>
        <section class="panel" aria-labelledby="system-attributes">
            <h2 id="system-attributes">"Set by Temporal and the SDK"</h2>
            <AttributeTable attributes=system empty="None." />
        </section>
    }
}

#[component]
fn AttributeTable(attributes: Vec<AttributeView>, empty: &'static str) -> impl IntoView {
    if attributes.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    let rows = attributes
        .into_iter()
        .map(|AttributeView { name, kind, value, times }| {
            let shown = if times.is_empty() {
                view! { <PayloadBlock payload=value /> }.into_any()
            } else {
                times.into_iter().map(|time| view! { <TimeText time=Some(time) /> " " }).collect_view().into_any()
            };
            view! {
                <tr>
                    <th scope="row" class="mono">{name}</th>
                    <td>{if kind.is_empty() { "—".to_string() } else { kind }}</td>
                    <td>{shown}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table attributes">
            <thead><tr><th scope="col">"Name"</th><th scope="col">"Type"</th><th scope="col">"Value"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

fn memo_view(page: MemoPage) -> impl IntoView {
    let MemoPage { header, fields } = page;
    let title = format!("{} · memo", header.workflow_id);
    let body = if fields.is_empty() {
        view! { <p class="empty">"This run has no memo."</p> }.into_any()
    } else {
        let rows = fields
            .into_iter()
            .map(|(name, value)| view! { <tr><th scope="row" class="mono">{name}</th><td><PayloadBlock payload=value /></td></tr> })
            .collect_view();
        view! {
            <table class="data-table attributes">
                <thead><tr><th scope="col">"Field"</th><th scope="col">"Value"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <PageTitle text=title />
        <RunHeaderView header active=RunTab::Memo />
        <section class="panel" aria-label="Memo">{body}</section>
    }
}
