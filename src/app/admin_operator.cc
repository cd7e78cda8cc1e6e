#include "app/admin_operator.h"

#include <fmt/format.h>

#include <memory>
#include <string>

#include "app/admin_context.h"
#include "app/password_input.h"
#include "app/serve_config.h"
#include "auth/access_repository.h"
#include "auth/password_hash.h"
#include "web/dashboard_operators.h"

namespace tldmon::app {
namespace {

std::string EntityList(const web::OperatorAccount& a) {
  if (a.entities.empty()) return "every entity";
  std::string out;
  for (const EntityId& e : a.entities) out += (out.empty() ? "" : ",") + e.Path();
  return out;
}

struct SetArgs {
  AdminOptions admin;
  std::string user;
  std::vector<std::string> entities;
  std::string config;
};

int RunSet(const SetArgs& a) {
  const AdminOutput out("operator set", a.admin);
  if (Status s = auth::ValidateUsername(a.user); !s.ok()) return out.Fail(s);
  auto config = LoadServeConfig(a.config);
  if (!config.ok()) return out.Fail(config.status());
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  web::OperatorAccount account;
  account.username = a.user;
  for (const std::string& text : a.entities) {
    auto id = ParseEntityArgument(text);
    if (!id.ok()) return out.Fail(id.status());
    if (Status s = RequireEntity(**store, *id); !s.ok()) return out.Fail(s);
    account.entities.push_back(*id);
  }
  // One name, one account: the dashboard's login finds the entity account first.
  auto access = auth::AccessRepository(**store).Load();
  if (!access.ok()) return out.Fail(access.status());
  for (const auth::AccountRecord& acc : access->accounts)
    if (acc.username == a.user)
      return out.Fail(AlreadyExists("user " + a.user + " is the MoSAPI account of " +
                                    acc.entity.Path() + "; choose another name"));
  auto password = ReadNewPassword();
  if (!password.ok()) return out.Fail(password.status());
  auto hash = auth::HashPassword(*password, config->auth.pwhash);
  if (!hash.ok()) return out.Fail(hash.status());
  account.password_hash = *hash;
  auto existing = (*store)->GetRecord(web::kOperatorKind, a.user);
  if (!existing.ok()) return out.Fail(existing.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  if (Status s = web::PutOperator(**store, account); !s.ok()) return out.Fail(s);
  if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  nlohmann::json entities = nlohmann::json::array();
  for (const EntityId& e : account.entities) entities.push_back(e.Path());
  return out.Done({{"user", a.user}, {"entities", entities}, {"created", !existing->has_value()}},
                  fmt::format("{} operator {} (sees {}; a running serve applies it within a tick)",
                              existing->has_value() ? "changed" : "created", a.user,
                              EntityList(account)));
}

int RunList(const AdminOptions& admin) {
  const AdminOutput out("operator list", admin);
  auto store = OpenAdminStore(admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto operators = web::LoadOperators(**store);
  if (!operators.ok()) return out.Fail(operators.status());
  nlohmann::json list = nlohmann::json::array();
  std::string text = fmt::format("{:<32} {}\n", "USER", "SEES");
  for (const web::OperatorAccount& a : *operators) {
    nlohmann::json entities = nlohmann::json::array();
    for (const EntityId& e : a.entities) entities.push_back(e.Path());
    list.push_back({{"user", a.username}, {"entities", entities}});
    text += fmt::format("{:<32} {}\n", a.username, EntityList(a));
  }
  if (operators->empty()) text = "(no operator accounts; add one with `tldmon admin operator set NAME`)\n";
  return out.Done({{"operators", list}}, text);
}

struct RemoveArgs {
  AdminOptions admin;
  std::string user;
};

int RunRemove(const RemoveArgs& a) {
  const AdminOutput out("operator remove", a.admin);
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  if (Status s = web::RemoveOperator(**store, a.user); !s.ok()) return out.Fail(s);
  if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  return out.Done({{"user", a.user}}, "removed operator " + a.user + " (its dashboard sessions end)");
}

}  // namespace

void AddAdminOperatorCommands(CLI::App* admin, int* exit_code) {
  CLI::App* group = admin->add_subcommand("operator", "Dashboard operator accounts (docs/dashboard.md)");
  group->require_subcommand(1);
  auto set = std::make_shared<SetArgs>();
  CLI::App* s = group->add_subcommand(
      "set", "Create an operator account or change it; the password is read from stdin");
  s->add_option("user", set->user, "User name")->required();
  s->add_option("--entity", set->entities,
                "An entity it sees (repeatable); none: every entity");
  s->add_option("--config", set->config, "serve config file ([auth] Argon2id cost)");
  AddAdminOptions(s, &set->admin);
  s->callback([set, exit_code] { *exit_code = RunSet(*set); });

  auto list = std::make_shared<AdminOptions>();
  CLI::App* l = group->add_subcommand("list", "List the operator accounts (never their passwords)");
  AddAdminOptions(l, list.get());
  l->callback([list, exit_code] { *exit_code = RunList(*list); });

  auto rm = std::make_shared<RemoveArgs>();
  CLI::App* r = group->add_subcommand("remove", "Remove an operator account");
  r->add_option("user", rm->user, "User name")->required();
  AddAdminOptions(r, &rm->admin);
  r->callback([rm, exit_code] { *exit_code = RunRemove(*rm); });
}

}  // namespace tldmon::app
