#include "app/admin_access.h"

#include <fmt/format.h>

#include <memory>
#include <string>

#include "app/access_edit.h"
#include "app/admin_context.h"
#include "app/password_input.h"
#include "app/serve_config.h"
#include "auth/access_repository.h"
#include "auth/password_hash.h"

namespace tldmon::app {
namespace {

// Loads the access configuration, applies `edit`, saves it in one
// transaction and bumps the change generation — or changes nothing.
template <typename Edit>
Status EditAccess(store::Store& store, AdminChange& change, const AdminOutput& out, Edit&& edit) {
  auth::AccessRepository repo(store);
  auto snapshot = repo.Load();
  if (!snapshot.ok()) return snapshot.status();
  TLDMON_RETURN_IF_ERROR(edit(&*snapshot));
  TLDMON_RETURN_IF_ERROR(repo.Save(*snapshot));
  return change.Commit(store, out);
}

std::string RoleNamesHint() {
  std::string out;
  for (int i = 0; i < auth::kRoleCount; ++i)
    out += fmt::format("{}\"{}\"", i == 0 ? "" : ", ", auth::RoleName(static_cast<auth::Role>(i)));
  return out;
}

// ---- password set ----

struct PasswordArgs {
  AdminOptions admin;
  std::string entity;
  std::string user;
  bool user_given = false;  // --user was on the command line, maybe as ''
  std::string config;
};

int RunPasswordSet(const PasswordArgs& a) {
  const AdminOutput out("password set", a.admin);
  auto id = ParseEntityArgument(a.entity);
  if (!id.ok()) return out.Fail(id.status());
  // `--user "$U"` with U unset must not fall back to the default account:
  // that would change the password its owner uses.
  if (a.user_given && a.user.empty())
    return out.Fail(InvalidArgument("--user is empty; give a user name, or leave --user out for " +
                                    auth::DefaultUsername(*id)));
  const std::string user = a.user_given ? a.user : auth::DefaultUsername(*id);
  if (Status s = auth::ValidateUsername(user); !s.ok()) return out.Fail(s);
  auto config = LoadServeConfig(a.config);
  if (!config.ok()) return out.Fail(config.status());
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  if (Status s = RequireEntity(**store, *id); !s.ok()) return out.Fail(s);
  // Check the user name against the other entities before asking for a
  // password the command would then throw away.
  auto current = auth::AccessRepository(**store).Load();
  if (!current.ok()) return out.Fail(current.status());
  for (const auth::AccountRecord& acc : current->accounts)
    if (acc.username == user && !(acc.entity == *id))
      return out.Fail(AlreadyExists("user " + user + " already belongs to " + acc.entity.Path()));
  auto password = ReadNewPassword();
  if (!password.ok()) return out.Fail(password.status());
  auto hash = auth::HashPassword(*password, config->auth.pwhash);
  if (!hash.ok()) return out.Fail(hash.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  bool created = true;
  Status s = EditAccess(**store, *change, out, [&](auth::AuthSnapshot* snap) {
    for (const auth::AccountRecord& acc : snap->accounts) created = created && acc.username != user;
    EntityAccess(snap,
                 *id);  // an entity configured before access records existed gets its defaults
    return SetAccount(snap, user, *id, *hash);
  });
  if (!s.ok()) return out.Fail(s);
  return out.Done({{"user", user}, {"entity", id->Path()}, {"created", created}},
                  fmt::format("{} password of {} for {}", created ? "set the" : "changed the", user,
                              id->Path()));
}

// ---- accounts ----

struct AccountListArgs {
  AdminOptions admin;
  std::string entity;
};

int RunAccountList(const AccountListArgs& a) {
  const AdminOutput out("account list", a.admin);
  auto filter = ParseOptionalEntityArgument(a.entity);
  if (!filter.ok()) return out.Fail(filter.status());
  const std::optional<EntityId> only = *filter;
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto snapshot = auth::AccessRepository(**store).Load();
  if (!snapshot.ok()) return out.Fail(snapshot.status());
  nlohmann::json list = nlohmann::json::array();
  std::string text = fmt::format("{:<32} {}\n", "USER", "ENTITY");
  for (const auth::AccountRecord& acc : snapshot->accounts) {
    if (only && !(acc.entity == *only)) continue;
    list.push_back({{"user", acc.username}, {"entity", acc.entity.Path()}});
    text += fmt::format("{:<32} {}\n", acc.username, acc.entity.Path());
  }
  return out.Done({{"accounts", list}}, text);
}

struct AccountRemoveArgs {
  AdminOptions admin;
  std::string user;
};

int RunAccountRemove(const AccountRemoveArgs& a) {
  const AdminOutput out("account remove", a.admin);
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  Status s = EditAccess(**store, *change, out,
                        [&](auth::AuthSnapshot* snap) { return RemoveAccount(snap, a.user); });
  if (!s.ok()) return out.Fail(s);
  return out.Done({{"user", a.user}}, "removed account " + a.user + " (its sessions end)");
}

// ---- allow-lists and roles ----

struct EntityItemArgs {
  AdminOptions admin;
  std::string entity;
  std::string item;  // a prefix or a role name
};

enum class ItemKind { kAllow, kRole };

nlohmann::json AccessJson(const EntityId& id, const auth::EntityAccessRecord* r) {
  nlohmann::json allow = nlohmann::json::array();
  nlohmann::json roles = nlohmann::json::array();
  if (r != nullptr) {
    for (const auth::IpPrefix& p : r->allow_list) allow.push_back(p.ToString());
    for (const std::string& n : r->roles.Names()) roles.push_back(n);
  }
  return {{"entity", id.Path()}, {"allowList", allow}, {"roles", roles}};
}

int RunItemChange(const EntityItemArgs& a, ItemKind kind, bool add) {
  const std::string command = std::string(kind == ItemKind::kAllow ? "allow " : "role ") +
                              (add ? (kind == ItemKind::kAllow ? "add" : "grant")
                                   : (kind == ItemKind::kAllow ? "remove" : "revoke"));
  const AdminOutput out(command, a.admin);
  auto id = ParseEntityArgument(a.entity);
  if (!id.ok()) return out.Fail(id.status());
  // Syntax first, so a typo is reported as such whatever the store holds.
  if (kind == ItemKind::kAllow) {
    if (auto p = auth::IpPrefix::Parse(a.item); !p.ok()) return out.Fail(p.status());
  } else if (auto r = auth::ParseRole(a.item); !r.ok()) {
    return out.Fail(InvalidArgument(r.status().message() + "; roles: " + RoleNamesHint()));
  }
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  if (add) {
    if (Status s = RequireEntity(**store, *id); !s.ok()) return out.Fail(s);
  }
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  bool changed = true;
  auth::AuthSnapshot after;
  Status s = EditAccess(**store, *change, out, [&](auth::AuthSnapshot* snap) -> Status {
    if (kind == ItemKind::kAllow && add) {
      auto r = AddAllowed(snap, *id, a.item);
      if (!r.ok()) return r.status();
      changed = *r;
    } else if (kind == ItemKind::kAllow) {
      TLDMON_RETURN_IF_ERROR(RemoveAllowed(snap, *id, a.item));
    } else if (add) {
      auto r = GrantRole(snap, *id, a.item);
      if (!r.ok()) return r.status();
      changed = *r;
    } else {
      TLDMON_RETURN_IF_ERROR(RevokeRole(snap, *id, a.item));
    }
    after = *snap;
    return Status::Ok();
  });
  if (!s.ok()) return out.Fail(s);
  nlohmann::json result = AccessJson(*id, FindEntityAccess(after, *id));
  result["changed"] = changed;
  const std::string what =
      kind == ItemKind::kAllow
          ? auth::IpPrefix::Parse(a.item)->ToString()
          : "\"" + std::string(auth::RoleName(*auth::ParseRole(a.item))) + "\"";
  std::string text;
  if (!changed) {
    text = fmt::format("{} already {} {}", id->Path(), kind == ItemKind::kAllow ? "allows" : "has",
                       what);
  } else if (kind == ItemKind::kAllow) {
    text = fmt::format("{} {} {} the allow-list of {}", add ? "added" : "removed", what,
                       add ? "to" : "from", id->Path());
  } else {
    text = fmt::format("{} {} {} {}", add ? "granted" : "revoked", what, add ? "to" : "from",
                       id->Path());
  }
  return out.Done(result, text);
}

struct EntityOnlyArgs {
  AdminOptions admin;
  std::string entity;
};

int RunItemList(const EntityOnlyArgs& a, ItemKind kind) {
  const AdminOutput out(kind == ItemKind::kAllow ? "allow list" : "role list", a.admin);
  auto id = ParseEntityArgument(a.entity);
  if (!id.ok()) return out.Fail(id.status());
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto snapshot = auth::AccessRepository(**store).Load();
  if (!snapshot.ok()) return out.Fail(snapshot.status());
  const auth::EntityAccessRecord* r = FindEntityAccess(*snapshot, *id);
  if (r == nullptr) {
    if (Status s = RequireEntity(**store, *id); !s.ok()) return out.Fail(s);
  }
  const nlohmann::json j = AccessJson(*id, r);
  std::string text;
  const nlohmann::json& items = j[kind == ItemKind::kAllow ? "allowList" : "roles"];
  for (const auto& item : items) text += item.get<std::string>() + "\n";
  if (items.empty())
    text = kind == ItemKind::kAllow ? "(empty: nobody may connect for " + id->Path() + ")\n"
                                    : "(no roles: every data endpoint answers 401)\n";
  return out.Done(j, text);
}

}  // namespace

void AddAdminAccessCommands(CLI::App* admin, int* exit_code) {
  CLI::App* password = admin->add_subcommand("password", "Account passwords");
  password->require_subcommand(1);
  auto pw = std::make_shared<PasswordArgs>();
  CLI::App* set = password->add_subcommand(
      "set", "Create an account or change its password; the password is read from stdin");
  set->add_option("entity", pw->entity, "ry/<tld> or rr/<ianaId>")->required();
  CLI::Option* user =
      set->add_option("--user", pw->user, "User name (default <tld>_ry or <ianaId>_rr)");
  set->add_option("--config", pw->config, "serve config file ([auth] Argon2id cost)");
  AddAdminOptions(set, &pw->admin);
  set->callback([pw, user, exit_code] {
    pw->user_given = user->count() > 0;
    *exit_code = RunPasswordSet(*pw);
  });

  CLI::App* account = admin->add_subcommand("account", "Password accounts");
  account->require_subcommand(1);
  auto al = std::make_shared<AccountListArgs>();
  CLI::App* list = account->add_subcommand("list", "List the accounts (never their passwords)");
  list->add_option("--entity", al->entity, "Only the accounts of this entity");
  AddAdminOptions(list, &al->admin);
  list->callback([al, exit_code] { *exit_code = RunAccountList(*al); });
  auto ar = std::make_shared<AccountRemoveArgs>();
  CLI::App* rm = account->add_subcommand("remove", "Remove an account");
  rm->add_option("user", ar->user, "User name")->required();
  AddAdminOptions(rm, &ar->admin);
  rm->callback([ar, exit_code] { *exit_code = RunAccountRemove(*ar); });

  struct Group {
    ItemKind kind;
    const char* name;
    const char* help;
    const char* add;
    const char* remove;
    const char* item;
  };
  for (const Group& g : {Group{ItemKind::kAllow, "allow", "Source IP allow-lists", "add", "remove",
                               "IPv4/IPv6 prefix, e.g. 192.0.2.0/24"},
                         Group{ItemKind::kRole, "role", "Roles (NSp names)", "grant", "revoke",
                               "role name, e.g. \"MoSAPI - TLD SLAM Data\""}}) {
    CLI::App* group = admin->add_subcommand(g.name, g.help);
    group->require_subcommand(1);
    for (const bool add : {true, false}) {
      auto args = std::make_shared<EntityItemArgs>();
      CLI::App* c = group->add_subcommand(add ? g.add : g.remove,
                                          std::string(add ? "Add a " : "Remove a ") + g.item);
      c->add_option("entity", args->entity, "ry/<tld> or rr/<ianaId>")->required();
      c->add_option("item", args->item, g.item)->required();
      AddAdminOptions(c, &args->admin);
      const ItemKind kind = g.kind;
      c->callback([args, exit_code, kind, add] { *exit_code = RunItemChange(*args, kind, add); });
    }
    auto la = std::make_shared<EntityOnlyArgs>();
    CLI::App* l = group->add_subcommand("list", "Show them for one entity");
    l->add_option("entity", la->entity, "ry/<tld> or rr/<ianaId>")->required();
    AddAdminOptions(l, &la->admin);
    const ItemKind kind = g.kind;
    l->callback([la, exit_code, kind] { *exit_code = RunItemList(*la, kind); });
  }
}

}  // namespace tldmon::app
